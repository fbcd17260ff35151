// `npm start` as a user runs it: serves the console, refuses a second copy on the
// same data, stops cleanly on Ctrl-C (SIGINT) and finds the same data next time.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { newPerson, PASSWORD } from "./fixtures";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = createRequire(import.meta.url).resolve("tsx/cli");

test.describe.configure({ mode: "serial", timeout: 180_000 });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function settings(extra: NodeJS.ProcessEnv = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "awan-start-"));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, AWAN_DATA_DIR: dataDir, PORT: String(port), AWAN_PG_PORT: String(await freePort()), ...extra };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  if (!extra.DATABASE_APP_URL) delete env.DATABASE_APP_URL;
  return { dataDir, env, url: `http://localhost:${port}` };
}

function start(env: NodeJS.ProcessEnv): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [TSX, "scripts/start.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return Object.assign(child, { output: () => output });
}

async function waitForHealth(url: string, child: ReturnType<typeof start>) {
  await expect
    .poll(async () => fetch(`${url}/api/health`).then((r) => r.status, () => 0), { timeout: 90_000, message: child.output() })
    .toBe(200);
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGINT");
  return exited;
}

async function signInStatus(url: string, email: string): Promise<string | null> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, json: "true" }),
  });
  const { url: next } = (await res.json()) as { url: string };
  return res.ok ? new URL(next).searchParams.get("error") : `HTTP ${res.status}`;
}

test("serves, refuses a second copy, stops on Ctrl-C and keeps the data", async () => {
  const { dataDir, env, url } = await settings();
  const person = newPerson("Persistent");

  const first = start(env);
  await waitForHealth(url, first);
  const signUp = await fetch(`${url}/api/trpc/auth.signUp`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { name: person.name, email: person.email, password: PASSWORD, organizationName: person.organization } }),
  });
  expect(signUp.status).toBe(200);

  const second = spawnSync(process.execPath, [TSX, "scripts/start.ts"], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
  expect(second.status).toBe(1);
  expect(second.stderr).toContain(`Awan is already running from ${dataDir}`);
  expect((await fetch(`${url}/api/health`)).status).toBe(200);

  expect(await stop(first)).toBe(0);
  expect(fs.existsSync(path.join(dataDir, "awan.pid"))).toBe(false);
  expect(fs.existsSync(path.join(dataDir, "pg/postmaster.pid"))).toBe(false);

  const again = start(env);
  await waitForHealth(url, again);
  expect(await signInStatus(url, person.email)).toBeNull();
  expect(await stop(again)).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("uses the PostgreSQL at DATABASE_URL and starts none", async () => {
  const ownerUrl = process.env.DATABASE_URL;
  expect(ownerUrl, "npm test passes the test database as DATABASE_URL").toBeTruthy();
  // The app role is shared by the whole PostgreSQL server: name it with its
  // password, as an operator would, rather than let this start reset it under
  // the console the other tests use.
  const { dataDir, env, url } = await settings({ DATABASE_URL: ownerUrl, DATABASE_APP_URL: process.env.DATABASE_APP_URL });
  const child = start(env);
  await waitForHealth(url, child);
  expect(child.output()).toContain("Using the PostgreSQL at DATABASE_URL.");
  expect(fs.existsSync(path.join(dataDir, "pg"))).toBe(false);
  expect(await stop(child)).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
