// File transfer over HTTP on loopback: uploads through the console's tus
// endpoint (small files through its batch endpoint) and downloads through its
// content route (the paths the browser uses: session cookie, tenant scope,
// quota, 2 replicas, AES-256-GCM, durable before acknowledged), against
// nginx (Debian nginx-extras) WebDAV PUT and GET into a fresh directory on the
// same disk, in the same run, with the same client and the same concurrency.
import { compare, forEachConcurrently, median, seconds, type Benchmark } from "./harness";
import { startConsoleServer } from "./lib/console-server";
import { expectStatus, httpClient, type Body } from "./lib/http-client";
import { largeBody, MiB, SMALL_FILE, smallFile } from "./lib/test-bytes";
import { startNginxWebdav } from "./lib/webdav-peers";

// What a browser opens to one host over HTTP/1.1, at most.
const CONCURRENCY = 6;
// Small files per batch request, as the console sends them.
const BATCH = 100;

type Sizes = { large: number; smallFiles: number; rounds: number };
const FULL: Sizes = { large: 1024 * MiB, smallFiles: 1_000, rounds: 3 };
const SMOKE: Sizes = { large: 16 * MiB, smallFiles: 50, rounds: 1 };

const { request, close } = httpClient(CONCURRENCY);

/** Both servers, as the benchmark sees them: upload and download of one file. */
type Target = {
  upload(name: string, body: Body, length: number): Promise<void>;
  /** Many small files, the way this server's clients send them. */
  uploadSmall(files: { name: string; bytes: Buffer }[]): Promise<void>;
  /** Untimed: what a client knows before it downloads (the console lists a folder and links its items). */
  prepareDownloads(): Promise<void>;
  download(name: string): Promise<number>;
};

async function startAwan(): Promise<{ target: Target; stop: () => Promise<void> }> {
  const { base, account, stop } = await startConsoleServer();
  try {
    const cookie = await signIn(base, account.email, account.password);
    const files = `${base}/api/files/${account.organizationId}`;
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
          expectStatus(reply, [201], `upload ${name}`);
          if (reply.headers["upload-offset"] !== String(length)) throw new Error(`upload ${name}: stored ${reply.headers["upload-offset"]} of ${length} bytes`);
        },
        // The console's path for small files: batches of up to BATCH files in one multipart request each.
        async uploadSmall(list) {
          const batches = Array.from({ length: Math.ceil(list.length / BATCH) }, (_, b) => list.slice(b * BATCH, (b + 1) * BATCH));
          await forEachConcurrently(batches.length, CONCURRENCY, async (b) => {
            const form = new FormData();
            form.set("manifest", JSON.stringify(batches[b]!.map((f) => ({ name: f.name, folderId: null, contentType: null }))));
            for (const f of batches[b]!) form.append("file", new Blob([new Uint8Array(f.bytes)]), "file");
            const encoded = new Response(form);
            const body = Buffer.from(await encoded.arrayBuffer());
            const headers = { cookie, "x-awan-batch": "1", "content-type": encoded.headers.get("content-type")!, "content-length": String(body.length) };
            expectStatus(await request(`${files}/batch`, "POST", headers, body), [201], `batch ${b}`);
          });
        },
        prepareDownloads: () => listTopLevel(base, cookie, ids),
        async download(name) {
          const id = ids.get(name);
          if (!id) throw new Error(`${name} is not in the listing`);
          return expectStatus(await request(`${files}/items/${id}/content`, "GET", { cookie }), [200], `download ${name}`).bytes;
        },
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** next-auth's credentials sign-in, as the sign-in form does it; returns the session cookie. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
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
  const nginx = await startNginxWebdav();
  const url = (name: string) => `${nginx.url}${encodeURIComponent(name)}`;
  return {
    target: {
      async upload(name, body, length) {
        expectStatus(await request(url(name), "PUT", { "Content-Length": String(length) }, body), [201], `nginx PUT ${name}`);
      },
      uploadSmall: (list) => forEachConcurrently(list.length, CONCURRENCY, async (i) => {
        expectStatus(await request(url(list[i]!.name), "PUT", { "Content-Length": String(SMALL_FILE) }, list[i]!.bytes), [201], `nginx PUT ${list[i]!.name}`);
      }),
      prepareDownloads: async () => {},
      async download(name) {
        return expectStatus(await request(url(name), "GET"), [200], `nginx GET ${name}`).bytes;
      },
    },
    stop: nginx.stop,
  };
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
  const downloadSmall = await seconds(() => forEachConcurrently(small.length, CONCURRENCY, (i) => target.download(small[i]!)));
  return {
    uploadMBs: sizes.large / 1e6 / uploadLarge,
    downloadMBs: sizes.large / 1e6 / downloadLarge,
    uploadFilesPerSecond: small.length / uploadSmall,
    downloadFilesPerSecond: small.length / downloadSmall,
  };
}

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
      close();
    }
  },
};
