// A console process of a spec's own, for the specs about several consoles and
// restarts: the same build, database and environment as the console under
// test (started by scripts/test.ts), on a port of its own. It keeps its own
// sign-in secret across restarts, so a person signed in on it stays signed in.
import { execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exitCode, serveConsole } from "../scripts/lib/console-process";
import { consoleEnv } from "../scripts/lib/runtime-env";
import { freePort } from "../scripts/lib/test-database";

export type ConsoleProcess = {
  /** Where it serves, e.g. http://localhost:41234: the same address after a restart. */
  url: string;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** Ids of its running processes (the server runs in a child of the one started), as its event bus names its database connection. */
  processIds: () => number[];
};

const HEALTHY_WITHIN_MS = 90_000;

/** A console on a free port, not yet started. */
export async function consoleProcess(): Promise<ConsoleProcess> {
  const appUrl = process.env.DATABASE_APP_URL;
  if (!appUrl) throw new Error("Run the browser tests with `npm run e2e`: it passes the test database as DATABASE_APP_URL.");
  const port = await freePort();
  const secrets = fs.mkdtempSync(path.join(os.tmpdir(), "awan-e2e-console-"));
  const env = { ...consoleEnv({ dataDir: secrets, appUrl, port }), NODE_ENV: "production" };
  fs.rmSync(secrets, { recursive: true, force: true }); // the secret is in env now
  const url = `http://localhost:${port}`;
  let child: ChildProcess | null = null;

  async function start() {
    if (child) throw new Error(`The console at ${url} is already running.`);
    const started = serveConsole(env);
    child = started;
    const exited = exitCode(started).then((code) => {
      throw new Error(`The console at ${url} exited (code ${code}) before it was healthy.`);
    });
    const deadline = Date.now() + HEALTHY_WITHIN_MS;
    const healthy = (async () => {
      while (Date.now() < deadline) {
        if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`The console at ${url} was not healthy within ${HEALTHY_WITHIN_MS / 1000} s.`);
    })();
    exited.catch(() => undefined);
    await Promise.race([healthy, exited]);
  }

  async function stop() {
    const running = child;
    if (!running) return;
    child = null;
    if (running.exitCode !== null || running.signalCode !== null) return;
    const exited = exitCode(running);
    running.kill("SIGTERM");
    await exited;
  }

  function processIds() {
    if (!child?.pid) return [];
    const parents = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
    const tree = [child.pid];
    for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
    return tree;
  }

  return { url, start, stop, processIds };
}

/** The same link on another console (an invite link names the console that made it). */
export function onConsole(link: string, consoleUrl: string): string {
  const { pathname, search, hash } = new URL(link);
  return new URL(`${pathname}${search}${hash}`, consoleUrl).toString();
}
