// File transfer over HTTP on loopback: uploads through the console's tus
// endpoint (small files through its batch endpoint) and downloads through its
// content route (the paths the browser uses: session cookie, tenant scope,
// quota, 2 replicas, AES-256-GCM, durable before acknowledged), against
// nginx (Debian nginx-extras) WebDAV PUT and GET into a fresh directory on the
// same disk, in the same run, with the same client and the same concurrency.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "@awan/db";
import { signUp } from "../packages/backend/src/auth/sign-up";
import { buildConsole, exitCode, isConsoleBuildCurrent, serveConsole } from "../scripts/lib/console-process";
import { consoleEnv } from "../scripts/lib/runtime-env";
import { freePort, startTestDatabase } from "../scripts/lib/test-database";
import { compare, type Benchmark } from "./harness";

const MiB = 2 ** 20;
const SMALL_FILE = 4 * 1024;
// What a browser opens to one host over HTTP/1.1, at most.
const CONCURRENCY = 6;
const PASSWORD = "correct horse battery staple";
// Small files per batch request, as the console sends them.
const BATCH = 100;

type Sizes = { large: number; smallFiles: number; rounds: number };
const FULL: Sizes = { large: 1024 * MiB, smallFiles: 1_000, rounds: 3 };
const SMOKE: Sizes = { large: 16 * MiB, smallFiles: 50, rounds: 1 };

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** Deterministic bytes, 1 MiB reused; each piece stamped so no two chunks are equal (the engine dedupes). */
const noise = (() => {
  const cipher = crypto.createCipheriv("aes-256-ctr", Buffer.alloc(32, 9), Buffer.alloc(16));
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

type Reply = { status: number; headers: http.IncomingHttpHeaders; bytes: number };

/** One request with the shared keep-alive agent; the response body is counted, not kept. */
function request(url: string, method: string, headers: Record<string, string>, body?: Buffer | Iterable<Buffer>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      let bytes = 0;
      res.on("data", (part: Buffer) => (bytes += part.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
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

function expectStatus(reply: Reply, expected: number, what: string): Reply {
  if (reply.status !== expected) throw new Error(`${what}: HTTP ${reply.status}, expected ${expected}`);
  return reply;
}

/** Both servers, as the benchmark sees them: upload and download of one file. */
type Target = {
  upload(name: string, body: Buffer | Iterable<Buffer>, length: number): Promise<void>;
  /** Many small files, the way this server's clients send them. */
  uploadSmall(files: { name: string; bytes: Buffer }[]): Promise<void>;
  /** Untimed: what a client knows before it downloads (the console lists a folder and links its items). */
  prepareDownloads(): Promise<void>;
  download(name: string): Promise<number>;
};

async function startAwan(): Promise<{ target: Target; stop: () => Promise<void> }> {
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
    await waitFor(() => request(`${base}/api/health`, "GET", {}).then((r) => r.status === 200, () => false));
    const db = createDatabase(database.appUrl);
    const email = `bench-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const { organizationId } = await signUp(db, { name: "Bench", email, password: PASSWORD, organizationName: "Bench" });
    await db.$disconnect();
    const cookie = await signIn(base, email);
    const files = `${base}/api/files/${organizationId}`;
    const tus = { cookie, "Tus-Resumable": "1.0.0" };
    const ids = new Map<string, string>();
    return {
      stop,
      target: {
        // The browser's path: a tus creation that carries the bytes (creation-with-upload).
        async upload(name, body, length) {
          const reply = await request(`${files}/uploads`, "POST", {
            ...tus,
            "Upload-Length": String(length),
            "Upload-Metadata": `name ${Buffer.from(name).toString("base64")}`,
            "Content-Type": "application/offset+octet-stream",
            "Content-Length": String(length),
          }, body);
          expectStatus(reply, 201, `upload ${name}`);
          if (reply.headers["upload-offset"] !== String(length)) throw new Error(`upload ${name}: stored ${reply.headers["upload-offset"]} of ${length} bytes`);
        },
        // The console's path for small files: batches of up to BATCH files in one multipart request each.
        async uploadSmall(list) {
          const batches = Array.from({ length: Math.ceil(list.length / BATCH) }, (_, b) => list.slice(b * BATCH, (b + 1) * BATCH));
          await forEachConcurrently(batches.length, async (b) => {
            const form = new FormData();
            form.set("manifest", JSON.stringify(batches[b]!.map((f) => ({ name: f.name, folderId: null, contentType: null }))));
            for (const f of batches[b]!) form.append("file", new Blob([new Uint8Array(f.bytes)]), "file");
            const encoded = new Response(form);
            const body = Buffer.from(await encoded.arrayBuffer());
            const headers = { cookie, "x-awan-batch": "1", "content-type": encoded.headers.get("content-type")!, "content-length": String(body.length) };
            expectStatus(await request(`${files}/batch`, "POST", headers, body), 201, `batch ${b}`);
          });
        },
        prepareDownloads: () => listTopLevel(base, cookie, ids),
        async download(name) {
          const id = ids.get(name);
          if (!id) throw new Error(`${name} is not in the listing`);
          return expectStatus(await request(`${files}/items/${id}/content`, "GET", { cookie }), 200, `download ${name}`).bytes;
        },
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** next-auth's credentials sign-in, as the sign-in form does it; returns the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Signing in for the benchmark failed (HTTP ${response.status}).`);
  return session.split(";")[0]!;
}

/** Every top-level item's id by name, through the console's own listing (tRPC). */
async function listTopLevel(base: string, cookie: string, ids: Map<string, string>): Promise<void> {
  for (let offset: number | null = 0; offset !== null; ) {
    const input = encodeURIComponent(JSON.stringify({ json: { folderId: null, sort: "name", direction: "asc", offset } }));
    const reply = await fetch(`${base}/api/trpc/files.list?input=${input}`, { headers: { cookie } });
    const { result } = (await reply.json()) as { result: { data: { json: { items: { id: string; name: string }[]; nextOffset: number | null } } } };
    for (const item of result.data.json.items) ids.set(item.name, item.id);
    offset = result.data.json.nextOffset;
  }
}

async function startNginx(): Promise<{ target: Target; stop: () => Promise<void> }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "awan-bench-nginx-"));
  const port = await freePort();
  for (const dir of ["www", "tmp", "logs"]) fs.mkdirSync(path.join(root, dir));
  fs.writeFileSync(
    path.join(root, "nginx.conf"),
    `daemon off; worker_processes 2; user root; pid ${root}/nginx.pid; error_log ${root}/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off; client_body_temp_path ${root}/tmp; client_max_body_size 0; sendfile on;
  server { listen 127.0.0.1:${port}; root ${root}/www; location / { dav_methods PUT DELETE MKCOL COPY MOVE; create_full_put_path on; } }
}
`,
  );
  const server: ChildProcess = spawn("nginx", ["-p", root, "-c", `${root}/nginx.conf`], { stdio: "inherit" });
  const failed = new Promise<never>((_, reject) => server.once("error", () => reject(new Error("nginx is not installed: apt-get install nginx-extras"))));
  const base = `http://127.0.0.1:${port}`;
  await Promise.race([failed, waitFor(() => request(`${base}/`, "GET", {}).then(() => true, () => false))]);
  return {
    target: {
      async upload(name, body, length) {
        expectStatus(await request(`${base}/${encodeURIComponent(name)}`, "PUT", { "Content-Length": String(length) }, body), 201, `nginx PUT ${name}`);
      },
      uploadSmall: (list) => forEachConcurrently(list.length, async (i) => {
        expectStatus(await request(`${base}/${encodeURIComponent(list[i]!.name)}`, "PUT", { "Content-Length": String(SMALL_FILE) }, list[i]!.bytes), 201, `nginx PUT ${list[i]!.name}`);
      }),
      prepareDownloads: async () => {},
      async download(name) {
        return expectStatus(await request(`${base}/${encodeURIComponent(name)}`, "GET", {}), 200, `nginx GET ${name}`).bytes;
      },
    },
    stop: async () => {
      server.kill("SIGTERM");
      await exitCode(server);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("A server did not start in time.");
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function forEachConcurrently(count: number, op: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next < count) await op(next++); }));
}

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

type Figures = { uploadMBs: number; downloadMBs: number; uploadFilesPerSecond: number; downloadFilesPerSecond: number };

/** One round on one server, with names of its own (`seed`), so nothing is deduped or overwritten. */
async function round(target: Target, sizes: Sizes, seed: number): Promise<Figures> {
  const big = `large-${seed}.bin`;
  const uploadLarge = await seconds(() => target.upload(big, largeBody(sizes.large, seed), sizes.large));
  const small = Array.from({ length: sizes.smallFiles }, (_, i) => `small-${seed}-${i}.bin`);
  const uploadSmall = await seconds(() => target.uploadSmall(small.map((name, i) => ({ name, bytes: smallFile(seed, i) }))));
  await target.prepareDownloads();
  let received = 0;
  const downloadLarge = await seconds(async () => (received = await target.download(big)));
  if (received !== sizes.large) throw new Error(`downloaded ${received} of ${sizes.large} bytes`);
  const downloadSmall = await seconds(() => forEachConcurrently(small.length, async (i) => void (await target.download(small[i]!))));
  return {
    uploadMBs: sizes.large / 1e6 / uploadLarge,
    downloadMBs: sizes.large / 1e6 / downloadLarge,
    uploadFilesPerSecond: small.length / uploadSmall,
    downloadFilesPerSecond: small.length / downloadSmall,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const files: Benchmark = {
  name: "files",
  summary: "upload/download 1 GiB and 1,000 × 4 KiB over HTTP through the console vs nginx WebDAV",
  async run({ smoke }) {
    const sizes = smoke ? SMOKE : FULL;
    const awan = await startAwan();
    const nginx = await startNginx().catch(async (error: unknown) => {
      await awan.stop();
      throw error;
    });
    try {
      const ours: Figures[] = [];
      const theirs: Figures[] = [];
      // A warm-up round each (the disk is slow on its first large write after deletions), then measured rounds, alternating.
      for (let r = 0; r <= sizes.rounds; r++) {
        const roundSizes = r === 0 ? { ...sizes, large: Math.min(sizes.large, 128 * MiB) } : sizes;
        const a = await round(awan.target, roundSizes, r);
        const n = await round(nginx.target, roundSizes, r);
        if (r > 0) {
          ours.push(a);
          theirs.push(n);
        }
      }
      const m = (list: Figures[], key: keyof Figures) => median(list.map((f) => f[key]));
      return [
        compare(`upload ${sizes.large / MiB} MiB`, "MB/s", m(ours, "uploadMBs"), "nginx WebDAV PUT", m(theirs, "uploadMBs")),
        compare(`download ${sizes.large / MiB} MiB`, "MB/s", m(ours, "downloadMBs"), "nginx GET", m(theirs, "downloadMBs")),
        compare(`upload ${sizes.smallFiles} × 4 KiB (batches of ${BATCH}; nginx: ${CONCURRENCY} PUTs at a time)`, "files/s", m(ours, "uploadFilesPerSecond"), "nginx WebDAV PUT", m(theirs, "uploadFilesPerSecond")),
        compare(`download ${sizes.smallFiles} × 4 KiB (${CONCURRENCY} at a time)`, "files/s", m(ours, "downloadFilesPerSecond"), "nginx GET", m(theirs, "downloadFilesPerSecond")),
      ];
    } finally {
      await nginx.stop();
      await awan.stop();
      agent.destroy();
    }
  },
};
