// The product as the HTTP benchmarks measure it: the built console's server
// (built first when the code changed) over a fresh test database, with one
// organization and its owner signed up.
import crypto from "node:crypto";
import { createDatabase, type Database } from "@awan/db";
import { signUp } from "../../packages/backend/src/auth/sign-up";
import { buildConsole, exitCode, isConsoleBuildCurrent, serveConsole } from "../../scripts/lib/console-process";
import { consoleEnv } from "../../scripts/lib/runtime-env";
import { freePort, startTestDatabase } from "../../scripts/lib/test-database";
import { waitForHttp } from "./http-client";

export type BenchAccount = { email: string; password: string; organizationId: string; userId: string };

/**
 * Starts the console and signs up its owner; `prepare` runs against the
 * database before it is closed, for what a benchmark needs besides (an app password).
 */
export async function startConsoleServer(
  prepare?: (db: Database, account: BenchAccount) => Promise<void>,
): Promise<{ base: string; account: BenchAccount; stop: () => Promise<void> }> {
  const database = await startTestDatabase();
  const port = await freePort();
  const env = consoleEnv({ dataDir: database.dataDir, appUrl: database.appUrl, port });
  if (!isConsoleBuildCurrent()) await buildConsole(env);
  const server = serveConsole({ ...env, NODE_ENV: "production", AWAN_DATA_DIR: database.dataDir });
  const stop = async () => {
    server.kill("SIGTERM");
    await exitCode(server);
    await database.stop();
  };
  try {
    const base = `http://localhost:${port}`;
    await waitForHttp(`${base}/api/health`);
    const db = createDatabase(database.appUrl);
    try {
      const email = `bench-${crypto.randomUUID().slice(0, 8)}@example.test`;
      const password = "correct horse battery staple";
      const { organizationId, userId } = await signUp(db, { name: "Bench", email, password, organizationName: "Bench" });
      const account = { email, password, organizationId, userId };
      await prepare?.(db, account);
      return { base, account, stop };
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
