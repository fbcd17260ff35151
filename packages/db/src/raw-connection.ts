import pg from "pg";

export type RawConnection = pg.Client;

/**
 * One plain connection outside Prisma's pool, for what a pooled connection
 * cannot do: LISTEN belongs to its session, and the pool hands sessions out
 * to anyone. `applicationName` shows in pg_stat_activity.
 */
export function createRawConnection(url: string, opts: { applicationName?: string } = {}): RawConnection {
  return new pg.Client({ connectionString: url, application_name: opts.applicationName, keepAlive: true });
}
