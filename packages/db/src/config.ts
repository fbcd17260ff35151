import path from "node:path";
import { z } from "zod";

// The only place in @awan/db that reads process.env.
const Env = z.object({
  /** Owner connection, used for migrations. Unset: the embedded PostgreSQL. */
  DATABASE_URL: z.url().optional(),
  /** The application's own connection (not superuser, not BYPASSRLS). Unset: derived from DATABASE_URL. */
  DATABASE_APP_URL: z.url().optional(),
  AWAN_DATA_DIR: z.string().default(".awan"),
  AWAN_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
});

export type DbConfig = {
  ownerUrl: string | undefined;
  appUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
};

export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid database settings: ${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  return {
    ownerUrl: e.DATABASE_URL,
    appUrl: e.DATABASE_APP_URL,
    dataDir: path.resolve(e.AWAN_DATA_DIR),
    embeddedPort: e.AWAN_PG_PORT,
  };
}
