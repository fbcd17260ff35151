// Starts the product's SMTP server for the benchmark: a fresh test database
// and data directory, then bench/smtp/awan-smtp-server.ts in its own process.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { createDatabase, withTenantScope } from "@awan/db";
import { REPO_ROOT } from "@awan/db/launcher";
import { startTestDatabase } from "../../scripts/lib/test-database";

const SERVER = path.join(import.meta.dirname, "awan-smtp-server.ts");

export type AwanSmtp = {
  port: number;
  addresses: string[];
  /** How many messages the organization's mailboxes hold now. */
  countDelivered: () => Promise<number>;
  stop: () => Promise<void>;
};

type Ready = { port: number; organizationId: string; addresses: string[] };

function readReady(child: ChildProcess): Promise<Ready> {
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
    process.stderr.write(d); // the server's own complaints, visible during the run
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line && out.includes("\n")) resolve(JSON.parse(line) as Ready);
    });
    child.once("exit", (code) => reject(new Error(`The Awan SMTP server exited (code ${code}) before listening:\n${err.slice(-2000)}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

/**
 * Starts Awan's inbound SMTP with an organization of `people` members, each
 * with a mailbox. `nodeFlags` go to its Node (e.g. --cpu-prof, to see where the time goes).
 */
export async function startAwanSmtp(people: number, nodeFlags: string[] = []): Promise<AwanSmtp> {
  const database = await startTestDatabase();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_APP_URL: database.appUrl,
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    AWAN_DATA_DIR: database.dataDir,
  };
  delete env.DATABASE_URL; // the product connects as the application role, never the owner
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", SERVER, String(people)], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const db = createDatabase(database.appUrl);
  const stop = async () => {
    child.kill("SIGTERM");
    await exited(child);
    await db.$disconnect();
    await database.stop();
  };
  try {
    const ready = await readReady(child);
    return {
      port: ready.port,
      addresses: ready.addresses,
      countDelivered: () =>
        withTenantScope(db, { organizationId: ready.organizationId }, (tx) => tx.mailMessage.count({ where: { organizationId: ready.organizationId } })),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
