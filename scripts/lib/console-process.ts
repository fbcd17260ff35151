import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const CONSOLE_DIR = path.resolve(import.meta.dirname, "../../apps/console");
const nextBin = createRequire(path.join(CONSOLE_DIR, "package.json")).resolve("next/dist/bin/next");
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

const ROOT = path.resolve(CONSOLE_DIR, "../..");
const BUILD_INPUTS = ["apps/console", "packages/backend/src", "packages/db/src", "packages/ui/src", "package-lock.json"];
const SKIPPED = new Set([".next", "node_modules", ".turbo"]);
const HASH_FILE = path.join(CONSOLE_DIR, ".next/awan-source-hash");

/** A hash of everything the console build is made from. */
function sourceHash(): string {
  const hash = crypto.createHash("sha256");
  const visit = (file: string) => {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file).sort()) if (!SKIPPED.has(entry)) visit(path.join(file, entry));
    } else {
      hash.update(path.relative(ROOT, file)).update("\0").update(fs.readFileSync(file));
    }
  };
  for (const input of BUILD_INPUTS) visit(path.join(ROOT, input));
  return hash.digest("hex");
}

/** Whether a build exists and was made from the code as it is now (not before a `git pull`). */
export function isConsoleBuildCurrent(): boolean {
  return fs.existsSync(path.join(CONSOLE_DIR, ".next/BUILD_ID")) && fs.existsSync(HASH_FILE) && fs.readFileSync(HASH_FILE, "utf8") === sourceHash();
}

function runNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { cwd: CONSOLE_DIR, env, stdio: "inherit" });
}

/** Serves the console (apps/console/server.ts) on env.PORT; NODE_ENV=development for live reload. */
export function serveConsole(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [tsxCli, "server.ts"], { cwd: CONSOLE_DIR, env, stdio: "inherit" });
}

export function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** Builds the console; later starts reuse the build until the code changes. */
export async function buildConsole(env: NodeJS.ProcessEnv): Promise<void> {
  const hash = sourceHash();
  const code = await exitCode(runNext(["build"], { ...env, NODE_ENV: "production" }));
  if (code !== 0) throw new Error(`Building the console failed (exit ${code}).`);
  fs.writeFileSync(HASH_FILE, hash);
}
