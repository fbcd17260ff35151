import pg from "pg";

export const APP_ROLE = "awan_app";

/**
 * Creates (or updates) the role the application connects as: it may log in
 * and read/write the tables, but is neither superuser nor BYPASSRLS, so the
 * row-level security policies always apply to it. Runs as the owner, after
 * migrations, so grants cover every table.
 */
export async function ensureAppRole(ownerUrl: string, password: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const role = client.escapeIdentifier(APP_ROLE);
    await client.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${role}; END IF;
    END $$`);
    // The role belongs to the whole PostgreSQL server: keep a password that
    // already works, so a second install (or a tool) on the same server does
    // not lock out the first.
    const keepPassword = await canLogIn(ownerUrl, password);
    await client.query(
      `ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE${keepPassword ? "" : ` PASSWORD ${client.escapeLiteral(password)}`}`,
    );
    const { rows } = await client.query<{ db: string }>("SELECT current_database() AS db");
    const db = client.escapeIdentifier(rows[0]!.db);
    await client.query(`GRANT CONNECT ON DATABASE ${db} TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    // The migration history is the owner's business only.
    await client.query(`DO $$ BEGIN
      IF to_regclass('"_prisma_migrations"') IS NOT NULL THEN REVOKE ALL ON TABLE "_prisma_migrations" FROM ${role}; END IF;
    END $$`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}

async function canLogIn(ownerUrl: string, password: string): Promise<boolean> {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Refuses a connection that would bypass row-level security. */
export async function assertNotPrivileged(appUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
      "SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user",
    );
    const me = rows[0];
    if (!me || me.rolsuper || me.rolbypassrls) {
      throw new Error(
        `The application's database role "${me?.rolname}" is a superuser or has BYPASSRLS, so tenant isolation would not apply. Set DATABASE_APP_URL to an ordinary role.`,
      );
    }
  } finally {
    await client.end();
  }
}
