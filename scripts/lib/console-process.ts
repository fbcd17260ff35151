import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const CONSOLE_DIR = path.resolve(import.meta.dirname, "../../apps/console");
const nextBin = createRequire(path.join(CONSOLE_DIR, "package.json")).resolve("next/dist/bin/next");
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");

export function isConsoleBuilt(): boolean {
  return fs.existsSync(path.join(CONSOLE_DIR, ".next/BUILD_ID"));
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

/** Builds the console once; later starts reuse the build. */
export async function buildConsole(env: NodeJS.ProcessEnv): Promise<void> {
  const code = await exitCode(runNext(["build"], { ...env, NODE_ENV: "production" }));
  if (code !== 0) throw new Error(`Building the console failed (exit ${code}).`);
}
