// WebDAV on loopback: the product's /dav/files/<email>/ (the built console's
// server, Basic auth with an app password; tenant scope, quota, versions,
// 2 replicas, AES-256-GCM, durable before acknowledged) against nginx
// (Debian nginx-extras, dav + dav_ext) and `rclone serve webdav`, each over
// a fresh directory on the same disk, in the same run, with the same client
// and concurrency. The peers have no authentication and keep plain files.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createDatabase, withTenantScope } from "@awan/db";
import { createAppPassword } from "../packages/backend/src/auth/app-passwords";
import { signUp } from "../packages/backend/src/auth/sign-up";
import { buildConsole, exitCode, isConsoleBuildCurrent, serveConsole } from "../scripts/lib/console-process";
import { consoleEnv } from "../scripts/lib/runtime-env";
import { freePort, startTestDatabase } from "../scripts/lib/test-database";
import { compare, type Benchmark, type Measurement } from "./harness";

const MiB = 2 ** 20;
const SMALL_FILE = 4 * 1024;
// What a sync client keeps open to one server, about.
const CONCURRENCY = 6;

type Sizes = { large: number; smallFiles: number; listings: [number, number]; rounds: number; propfinds: number };
const FULL: Sizes = { large: 1024 * MiB, smallFiles: 1_000, listings: [1_000, 10_000], rounds: 3, propfinds: 7 };
const SMOKE: Sizes = { large: 16 * MiB, smallFiles: 50, listings: [50, 200], rounds: 1, propfinds: 3 };

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** Deterministic bytes, 1 MiB reused; each piece stamped so no two chunks are equal (the engine dedupes). */
const noise = (() => {
  const cipher = crypto.createCipheriv("aes-256-ctr", Buffer.alloc(32, 7), Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.alloc(MiB)), cipher.final()]);
})();

function* largeBody(total: number, seed: number): Generator<Buffer> {
  for (let offset = 0, part = 0; offset < total; offset += MiB, part++) {
    const piece = Buffer.from(noise.subarray(0, Math.min(MiB, total - offset)));
    piece.writeUInt32BE(seed, 0);
    piece.writeUInt32BE(part, 4);
    yield piece;
  }
}

const smallFile = (seed: number, i: number) => {
  const file = Buffer.from(noise.subarray(0, SMALL_FILE));
  file.writeUInt32BE(seed, 0);
  file.writeUInt32BE(i, 4);
  return file;
};

/** A WebDAV server as the benchmark sees it: a root URL and the headers every request carries. */
type Server = { name: string; root: string; headers: Record<string, string>; stop: () => Promise<void> };
type Reply = { status: number; bytes: number };

function request(server: Server, method: string, name: string, headers: Record<string, string> = {}, body?: Buffer | Iterable<Buffer>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.root}${name}`, { method, headers: { ...server.headers, ...headers }, agent }, (res) => {
      let bytes = 0;
      res.on("data", (part: Buffer) => (bytes += part.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (!body) return void req.end();
    if (Buffer.isBuffer(body)) return void req.end(body);
    const parts = body[Symbol.iterator]();
    const pump = () => {
      for (let next = parts.next(); !next.done; next = parts.next()) if (!req.write(next.value)) return void req.once("drain", pump);
      req.end();
    };
    pump();
  });
}

async function expectStatus(server: Server, reply: Promise<Reply>, expected: number[], what: string): Promise<Reply> {
  const got = await reply;
  if (!expected.includes(got.status)) throw new Error(`${server.name} ${what}: HTTP ${got.status}, expected ${expected.join(" or ")}`);
  return got;
}

const put = (server: Server, name: string, body: Buffer | Iterable<Buffer>, length: number) =>
  expectStatus(server, request(server, "PUT", name, { "Content-Length": String(length) }, body), [201, 204], `PUT ${name}`);
const get = (server: Server, name: string) => expectStatus(server, request(server, "GET", name), [200], `GET ${name}`);
const mkcol = (server: Server, name: string) => expectStatus(server, request(server, "MKCOL", name), [201], `MKCOL ${name}`);
const PROPFIND_BODY = Buffer.from('<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>');
const propfind = (server: Server, name: string) =>
  expectStatus(server, request(server, "PROPFIND", name, { Depth: "1", "Content-Type": "application/xml", "Content-Length": String(PROPFIND_BODY.length) }, PROPFIND_BODY), [207], `PROPFIND ${name}`);

async function startAwan(): Promise<Server> {
  const database = await startTestDatabase();
  const port = await freePort();
  const env = consoleEnv({ dataDir: database.dataDir, appUrl: database.appUrl, port });
  if (!isConsoleBuildCurrent()) await buildConsole(env);
  const child = serveConsole({ ...env, NODE_ENV: "production", AWAN_DATA_DIR: database.dataDir });
  const stop = async () => {
    child.kill("SIGTERM");
    await exitCode(child);
    await database.stop();
  };
  try {
    await waitFor(`http://localhost:${port}/api/health`);
    const db = createDatabase(database.appUrl);
    const email = `bench-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const { organizationId, userId } = await signUp(db, { name: "Bench", email, password: "correct horse battery staple", organizationName: "Bench" });
    const { password } = await withTenantScope(db, { organizationId, userId }, (tx) => createAppPassword(tx, { organizationId, userId, role: "OWNER" }, "bench"));
    await db.$disconnect();
    const authorization = `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;
    return { name: "awan", root: `http://localhost:${port}/dav/files/${encodeURIComponent(email)}/`, headers: { authorization }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startNginx(): Promise<Server> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "awan-bench-nginx-"));
  const port = await freePort();
  for (const dir of ["www", "tmp", "logs"]) fs.mkdirSync(path.join(root, dir));
  fs.writeFileSync(
    path.join(root, "nginx.conf"),
    `load_module /usr/lib/nginx/modules/ngx_http_dav_ext_module.so;
daemon off; worker_processes 2; user root; pid ${root}/nginx.pid; error_log ${root}/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off; client_body_temp_path ${root}/tmp; client_max_body_size 0; sendfile on;
  server { listen 127.0.0.1:${port}; root ${root}/www;
    location / { dav_methods PUT DELETE MKCOL COPY MOVE; dav_ext_methods PROPFIND OPTIONS; create_full_put_path on; } }
}
`,
  );
  const nginx = spawn("nginx", ["-p", root, "-c", `${root}/nginx.conf`], { stdio: "inherit" });
  return started("nginx", nginx, `http://127.0.0.1:${port}/`, root, "apt-get install nginx-extras");
}

async function startRclone(): Promise<Server> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "awan-bench-rclone-"));
  const port = await freePort();
  fs.mkdirSync(path.join(root, "www"));
  fs.writeFileSync(path.join(root, "rclone.conf"), "");
  const rclone = spawn("rclone", ["serve", "webdav", path.join(root, "www"), "--addr", `127.0.0.1:${port}`, "--config", path.join(root, "rclone.conf")], { stdio: "ignore" });
  return started("rclone serve webdav", rclone, `http://127.0.0.1:${port}/`, root, "apt-get install rclone");
}

async function started(name: string, child: ChildProcess, url: string, root: string, install: string): Promise<Server> {
  const failed = new Promise<never>((_, reject) => child.once("error", () => reject(new Error(`${name} is not installed: ${install}`))));
  await Promise.race([failed, waitFor(url)]);
  return {
    name,
    root: url,
    headers: {},
    stop: async () => {
      child.kill("SIGTERM");
      await exitCode(child);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const up = await fetch(url).then((r) => r.status < 500, () => false);
    if (up) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer in time.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function forEachConcurrently(count: number, op: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next < count) await op(next++); }));
}

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type Figures = { putMBs: number; getMBs: number; putFilesPerSecond: number; getFilesPerSecond: number };

/** One round on one server, in a folder of its own (`seed`), so nothing is deduped or overwritten. */
async function round(server: Server, sizes: Sizes, seed: number): Promise<Figures> {
  const folder = `round-${seed}/`;
  await mkcol(server, folder);
  const big = `${folder}large.bin`;
  const putLarge = await seconds(() => put(server, big, largeBody(sizes.large, seed), sizes.large));
  let received = 0;
  const getLarge = await seconds(async () => (received = (await get(server, big)).bytes));
  if (received !== sizes.large) throw new Error(`${server.name}: downloaded ${received} of ${sizes.large} bytes`);
  const small = Array.from({ length: sizes.smallFiles }, (_, i) => `${folder}small-${i}.bin`);
  const putSmall = await seconds(() => forEachConcurrently(small.length, (i) => put(server, small[i]!, smallFile(seed, i), SMALL_FILE)));
  const getSmall = await seconds(() => forEachConcurrently(small.length, (i) => get(server, small[i]!)));
  return {
    putMBs: sizes.large / 1e6 / putLarge,
    getMBs: sizes.large / 1e6 / getLarge,
    putFilesPerSecond: small.length / putSmall,
    getFilesPerSecond: small.length / getSmall,
  };
}

/** PROPFIND depth 1 of a folder of `count` files: the median of `times` runs, in ms (filled untimed first). */
async function listing(server: Server, count: number, times: number): Promise<number> {
  const folder = `listing-${count}/`;
  await mkcol(server, folder);
  const empty = Buffer.alloc(0);
  await forEachConcurrently(count, (i) => put(server, `${folder}f-${i}.txt`, empty, 0));
  await propfind(server, folder); // warm
  const runs: number[] = [];
  for (let i = 0; i < times; i++) runs.push((await seconds(() => propfind(server, folder))) * 1000);
  return median(runs);
}

export const webdav: Benchmark = {
  name: "webdav",
  summary: "WebDAV PUT/GET of 1 GiB and 1,000 × 4 KiB, PROPFIND depth 1 of 1,000 and 10,000 entries vs nginx WebDAV and rclone serve webdav",
  async run({ smoke }) {
    const sizes = smoke ? SMOKE : FULL;
    const servers: Server[] = [];
    try {
      servers.push(await startAwan(), await startNginx(), await startRclone());
      const figures = new Map<string, Figures[]>(servers.map((s) => [s.name, []]));
      // A warm-up round each (the disk is slow on its first large write after deletions), then measured rounds, alternating.
      for (let r = 0; r <= sizes.rounds; r++) {
        const roundSizes = r === 0 ? { ...sizes, large: Math.min(sizes.large, 128 * MiB), smallFiles: Math.min(sizes.smallFiles, 100) } : sizes;
        for (const server of servers) {
          const f = await round(server, roundSizes, r);
          if (r > 0) figures.get(server.name)!.push(f);
        }
      }
      const listings = new Map<string, number[]>();
      for (const server of servers) listings.set(server.name, [await listing(server, sizes.listings[0], sizes.propfinds), await listing(server, sizes.listings[1], sizes.propfinds)]);

      const m = (name: string, key: keyof Figures) => median(figures.get(name)!.map((f) => f[key]));
      const results: Measurement[] = [];
      const large = `${sizes.large / MiB} MiB`;
      for (const peer of servers.slice(1)) {
        results.push(
          compare(`PUT ${large}`, "MB/s", m("awan", "putMBs"), peer.name, m(peer.name, "putMBs")),
          compare(`GET ${large}`, "MB/s", m("awan", "getMBs"), peer.name, m(peer.name, "getMBs")),
          compare(`PUT ${sizes.smallFiles} × 4 KiB (${CONCURRENCY} at a time)`, "files/s", m("awan", "putFilesPerSecond"), peer.name, m(peer.name, "putFilesPerSecond")),
          compare(`GET ${sizes.smallFiles} × 4 KiB (${CONCURRENCY} at a time)`, "files/s", m("awan", "getFilesPerSecond"), peer.name, m(peer.name, "getFilesPerSecond")),
          compare(`PROPFIND depth 1, ${sizes.listings[0]} entries`, "ms", listings.get("awan")![0]!, peer.name, listings.get(peer.name)![0]!),
          compare(`PROPFIND depth 1, ${sizes.listings[1]} entries`, "ms", listings.get("awan")![1]!, peer.name, listings.get(peer.name)![1]!),
        );
      }
      return results;
    } finally {
      for (const server of servers.reverse()) await server.stop();
      agent.destroy();
    }
  },
};
