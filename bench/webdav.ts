// WebDAV on loopback: the product's /dav/files/<email>/ (the built console's
// server, Basic auth with an app password; tenant scope, quota, versions,
// 2 replicas, AES-256-GCM, durable before acknowledged) against nginx
// (Debian nginx-extras, dav + dav_ext) and `rclone serve webdav`, each over
// a fresh directory on the same disk, in the same run, with the same client
// and concurrency. The peers have no authentication and keep plain files.
import { withTenantScope } from "@awan/db";
import { createAppPassword } from "../packages/backend/src/auth/app-passwords";
import { compare, forEachConcurrently, median, seconds, type Benchmark, type Measurement } from "./harness";
import { startConsoleServer } from "./lib/console-server";
import { expectStatus, httpClient, type Body } from "./lib/http-client";
import { largeBody, MiB, SMALL_FILE, smallFile } from "./lib/test-bytes";
import { startNginxWebdav, startRcloneWebdav, type Peer } from "./lib/webdav-peers";

// What a sync client keeps open to one server, about.
const CONCURRENCY = 6;

type Sizes = { large: number; smallFiles: number; listings: [number, number]; rounds: number; propfinds: number };
const FULL: Sizes = { large: 1024 * MiB, smallFiles: 1_000, listings: [1_000, 10_000], rounds: 3, propfinds: 7 };
const SMOKE: Sizes = { large: 16 * MiB, smallFiles: 50, listings: [50, 200], rounds: 1, propfinds: 3 };

const client = httpClient(CONCURRENCY);

/** A WebDAV server as the benchmark sees it: a root URL and the headers every request carries. */
type Server = { name: string; root: string; headers: Record<string, string>; stop: () => Promise<void> };

async function send(server: Server, method: string, name: string, expected: number[], headers: Record<string, string> = {}, body?: Body) {
  return expectStatus(await client.request(`${server.root}${name}`, method, { ...server.headers, ...headers }, body), expected, `${server.name} ${method} ${name}`);
}

const put = (server: Server, name: string, body: Body, length: number) => send(server, "PUT", name, [201, 204], { "Content-Length": String(length) }, body);
const get = (server: Server, name: string) => send(server, "GET", name, [200]);
const mkcol = (server: Server, name: string) => send(server, "MKCOL", name, [201]);
const PROPFIND_BODY = Buffer.from('<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>');
const propfind = (server: Server, name: string) =>
  send(server, "PROPFIND", name, [207], { Depth: "1", "Content-Type": "application/xml", "Content-Length": String(PROPFIND_BODY.length) }, PROPFIND_BODY);

/** The product's WebDAV root, signed in with an app password as a sync client is. */
async function startAwan(): Promise<Server> {
  let password = "";
  const awan = await startConsoleServer(async (db, { organizationId, userId }) => {
    ({ password } = await withTenantScope(db, { organizationId, userId }, (tx) => createAppPassword(tx, { organizationId, userId, role: "OWNER" }, "bench")));
  });
  const { email } = awan.account;
  const authorization = `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;
  return { name: "awan", root: `${awan.base}/dav/files/${encodeURIComponent(email)}/`, headers: { authorization }, stop: awan.stop };
}

const peerServer = ({ name, url, stop }: Peer): Server => ({ name, root: url, headers: {}, stop });

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
  const putSmall = await seconds(() => forEachConcurrently(small.length, CONCURRENCY, (i) => put(server, small[i]!, smallFile(seed, i), SMALL_FILE)));
  const getSmall = await seconds(() => forEachConcurrently(small.length, CONCURRENCY, (i) => get(server, small[i]!)));
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
  await forEachConcurrently(count, CONCURRENCY, (i) => put(server, `${folder}f-${i}.txt`, empty, 0));
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
      servers.push(await startAwan(), peerServer(await startNginxWebdav()), peerServer(await startRcloneWebdav()));
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
      client.close();
    }
  },
};
