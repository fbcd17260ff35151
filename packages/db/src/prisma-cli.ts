import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, "../../..");
const PRISMA_CLI = path.join(path.dirname(require.resolve("prisma/package.json")), "build/index.js");
const SCHEMA_ENGINE = path.resolve(here, "../bin/schema-engine.mjs");

/**
 * Runs the Prisma CLI with the project's WASM schema engine in place of the
 * native one, which Prisma would otherwise download. Resolves with the exit code.
 */
export function runPrismaCli(
  args: string[],
  opts: { databaseUrl?: string; stdio?: "inherit" | "pipe" } = {},
): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: SCHEMA_ENGINE,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: opts.stdio === "pipe" ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Applies pending migrations as the owner; throws with Prisma's output on failure. */
export async function migrateDeploy(ownerUrl: string): Promise<void> {
  const { code, output } = await runPrismaCli(["migrate", "deploy"], { databaseUrl: ownerUrl, stdio: "pipe" });
  if (code !== 0) throw new Error(`Database migration failed:\n${output}`);
}
