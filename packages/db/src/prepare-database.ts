import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { assertNotPrivileged, ensureAppRole } from "./app-role";
import type { DbConfig } from "./config";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrateDeploy } from "./prisma-cli";
import { readOrCreateSecret } from "./secret-file";

export const EMBEDDED_DATABASE = "awan";

export type PreparedDatabase = {
  ownerUrl: string;
  appUrl: string;
  /** Whether this call started the embedded PostgreSQL (and `stop` stops it). */
  embedded: boolean;
  stop: () => Promise<void>;
};

/**
 * Gives back a migrated database and the URL the application must use:
 * DATABASE_URL if set, else the embedded PostgreSQL under the data dir.
 */
export async function prepareDatabase(
  config: DbConfig,
  opts: { migrate?: boolean; log?: (line: string) => void } = {},
): Promise<PreparedDatabase> {
  const owner = await openOwnerDatabase(config, opts.log);
  try {
    if (opts.migrate !== false) await migrateDeploy(owner.ownerUrl);
    const appUrl =
      config.appUrl ??
      (await ensureAppRole(owner.ownerUrl, readOrCreateSecret(path.join(config.dataDir, "secrets/db-app-password"))));
    await assertNotPrivileged(appUrl);
    return { ...owner, appUrl };
  } catch (error) {
    await owner.stop();
    throw error;
  }
}

/** The owner's connection: DATABASE_URL, or the embedded PostgreSQL started for the caller. */
export async function openOwnerDatabase(config: DbConfig, log?: (line: string) => void) {
  if (config.ownerUrl) return { ownerUrl: config.ownerUrl, embedded: false, stop: async () => {} };
  // Traversable, so that as root the `postgres` system user reaches pg/ inside;
  // the secrets beside it stay private (0700/0600).
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o755 });
  const password = readOrCreateSecret(path.join(config.dataDir, "secrets/pg-owner-password"));
  const running = await runningEmbeddedUrl(config, password);
  // Already up (under `npm start`): use it, and leave it running.
  if (running) return { ownerUrl: running, embedded: false, stop: async () => {} };
  const pgServer = await startEmbeddedPostgres({
    dir: path.join(config.dataDir, "pg"),
    port: config.embeddedPort,
    password,
    log,
  });
  const ownerUrl = new URL(pgServer.ownerUrl);
  await createDatabaseIfMissing(ownerUrl.toString(), EMBEDDED_DATABASE);
  ownerUrl.pathname = `/${EMBEDDED_DATABASE}`;
  return { ownerUrl: ownerUrl.toString(), embedded: true, stop: pgServer.stop };
}

/** The owner URL of an embedded PostgreSQL that another process of this data dir already runs, or null. */
async function runningEmbeddedUrl(config: DbConfig, password: string): Promise<string | null> {
  if (!fs.existsSync(path.join(config.dataDir, "pg/postmaster.pid"))) return null;
  const url = new URL(`postgresql://127.0.0.1:${config.embeddedPort}/${EMBEDDED_DATABASE}`);
  url.username = "postgres";
  url.password = password;
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return url.toString();
  } catch {
    return null; // a stale pid file: PostgreSQL itself deals with it on start
  } finally {
    await client.end().catch(() => {});
  }
}

async function createDatabaseIfMissing(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
