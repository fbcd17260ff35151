// A database of its own for a storage integration test. The scrub and the
// start-up sweep are platform-wide: they visit every organization, so in the
// shared test database they would meet other tests' organizations (keys
// wrapped by other master keys, chunks on other nodes) and rewrite their
// reference counts mid-write. Each test here gets a clone of a migrated
// template instead, dropped when the test ends.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDatabase, type Database } from "@awan/db";
import { APP_ROLE, migrateDeploy, REPO_ROOT } from "@awan/db/launcher";
import { onTestFinished } from "vitest";
import { signUp } from "../../auth/sign-up";
import { TEST_PASSWORD, uniqueEmail } from "../../testing/fixtures";

export type PlatformDatabase = {
  /** The application's connection (row-level security applies). */
  db: Database;
  /** The owner's connection, which bypasses row-level security: for looking at every row. */
  owner: Database;
  /** What a child process needs as DATABASE_APP_URL. */
  appUrl: string;
};

const LOCK = 4_242_001; // pg_advisory_lock key: one worker at a time builds or clones the template

/** The template's name changes with the migrations, so a stale one is never cloned. */
function templateName(): string {
  const dir = path.join(REPO_ROOT, "prisma/migrations");
  const hash = crypto.createHash("sha256");
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, "migration.sql");
    if (fs.existsSync(file)) hash.update(name).update(fs.readFileSync(file));
  }
  return `awan_storage_template_${hash.digest("hex").slice(0, 12)}`;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function testEnv() {
  const ownerUrl = process.env.DATABASE_URL;
  const appUrl = process.env.DATABASE_APP_URL;
  if (!ownerUrl || !appUrl) throw new Error("DATABASE_URL and DATABASE_APP_URL are set by vitest.setup.ts; run through vitest.");
  if (decodeURIComponent(new URL(appUrl).username) !== APP_ROLE) throw new Error(`DATABASE_APP_URL must connect as ${APP_ROLE}.`);
  return { ownerUrl, appUrl };
}

async function ensureTemplate(server: Database, ownerUrl: string, template: string): Promise<void> {
  const found = await server.$queryRaw<unknown[]>`SELECT 1 FROM pg_database WHERE datname = ${template}`;
  if (found.length > 0) return;
  const building = `${template}_building`;
  await server.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${building}"`);
  await server.$executeRawUnsafe(`CREATE DATABASE "${building}"`);
  const buildingUrl = withDatabase(ownerUrl, building);
  await migrateDeploy(buildingUrl);
  const owner = createDatabase(buildingUrl, { maxConnections: 1 });
  try {
    // The grants ensureAppRole gives on the main database, without touching the role's password.
    await owner.$executeRawUnsafe(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await owner.$executeRawUnsafe(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await owner.$executeRawUnsafe(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    await owner.$executeRawUnsafe(`REVOKE ALL ON TABLE "_prisma_migrations" FROM ${APP_ROLE}`);
  } finally {
    await owner.$disconnect();
  }
  // Renamed only once complete: a worker killed half-way never leaves a template that looks ready.
  await server.$executeRawUnsafe(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
}

/** A fresh, migrated database; `close` disconnects and drops it. */
export async function openPlatformDatabase(): Promise<PlatformDatabase & { close: () => Promise<void> }> {
  const { ownerUrl, appUrl } = testEnv();
  const template = templateName();
  const name = `awan_storage_${crypto.randomBytes(6).toString("hex")}`;
  // One connection, so that the session lock and its release run on it.
  const server = createDatabase(ownerUrl, { maxConnections: 1 });
  try {
    await server.$executeRaw`SELECT pg_advisory_lock(${LOCK})`;
    try {
      await ensureTemplate(server, ownerUrl, template);
      await server.$executeRawUnsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await server.$executeRaw`SELECT pg_advisory_unlock(${LOCK})`;
    }
  } finally {
    await server.$disconnect();
  }

  const db = createDatabase(withDatabase(appUrl, name), { maxConnections: 8 });
  const owner = createDatabase(withDatabase(ownerUrl, name), { maxConnections: 2 });
  const close = async () => {
    await Promise.all([db.$disconnect(), owner.$disconnect()]);
    const drop = createDatabase(ownerUrl, { maxConnections: 1 });
    try {
      await drop.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await drop.$disconnect();
    }
  };
  return { db, owner, appUrl: withDatabase(appUrl, name), close };
}

/** A fresh, migrated database for the current test, dropped when it finishes. */
export async function newPlatformDatabase(): Promise<PlatformDatabase> {
  const { close, ...platform } = await openPlatformDatabase();
  onTestFinished(close);
  return platform;
}

/** A new organization (and its owner) in `db`, through the real sign-up. */
export async function newOrganization(db: Database, label = "storage"): Promise<string> {
  const email = uniqueEmail(label);
  const { organizationId } = await signUp(db, {
    name: `${label} owner`,
    email,
    password: TEST_PASSWORD,
    organizationName: `Org of ${email}`,
  });
  return organizationId;
}
