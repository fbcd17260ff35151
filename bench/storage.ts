// Storage engine throughput: one large file and many 4 KiB files written and
// read through StorageEngine (2 replicas, write quorum "all", AES-256-GCM,
// 4 MiB chunks, PostgreSQL metadata), against what the same bytes cost with
// plain fs on the same disk: a durable write (tmp file, fsync, rename,
// directory fsync) to each of the two node directories, and a plain read from
// one. Every round writes into fresh directories (deleting big files slows
// this disk), with bytes no earlier round wrote (the engine dedupes chunks).
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createDatabase, withTenantScope } from "@awan/db";
import { LocalDirectoryNode } from "../packages/backend/src/storage/local-directory-node";
import { masterKeyId } from "../packages/backend/src/storage/master-key";
import { OrganizationKeyring } from "../packages/backend/src/storage/organization-keys";
import { DEFAULT_CHUNK_SIZE, StorageEngine } from "../packages/backend/src/storage/storage-engine";
import { startTestDatabase } from "../scripts/lib/test-database";
import { compare, type Benchmark, type Measurement } from "./harness";

const MiB = 2 ** 20;
const PIECE = 4 * MiB; // how the large input arrives, and what the fs peer writes per call
const SMALL_FILE = 4 * 1024;
const CONCURRENCY = 16; // parallel small-file operations, engine and peer alike
const NODES = ["a", "b"];

type Sizes = { large: number; smallFiles: number; rounds: number; warmUpLarge: number; warmUpSmall: number };
const FULL: Sizes = { large: 1024 * MiB, smallFiles: 2_000, rounds: 3, warmUpLarge: 256 * MiB, warmUpSmall: 200 };
const SMOKE: Sizes = { large: 32 * MiB, smallFiles: 100, rounds: 1, warmUpLarge: 8 * MiB, warmUpSmall: 20 };

/** Pseudo-random bytes, the same every run: AES-CTR over zeros under a fixed key. */
const noise = (() => {
  const cipher = crypto.createCipheriv("aes-256-ctr", Buffer.alloc(32, 7), Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.alloc(PIECE)), cipher.final()]);
})();

/**
 * `total` bytes in PIECE-sized parts, without holding them: one buffer reused,
 * its first bytes stamped with (seed, part) so no two chunks are equal. The
 * consumer must be done with a part before asking for the next.
 */
async function* largeInput(total: number, seed: number): AsyncGenerator<Buffer> {
  for (let offset = 0, part = 0; offset < total; offset += PIECE, part++) {
    noise.writeUInt32BE(seed, 0);
    noise.writeUInt32BE(part, 4);
    yield noise.subarray(0, Math.min(PIECE, total - offset));
  }
}

function smallInputs(count: number, seed: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    const file = Buffer.from(noise.subarray((i * SMALL_FILE) % (PIECE - SMALL_FILE), ((i * SMALL_FILE) % (PIECE - SMALL_FILE)) + SMALL_FILE));
    file.writeUInt32BE(seed, 0);
    file.writeUInt32BE(i, 4);
    return file;
  });
}

async function* once(data: Buffer): AsyncGenerator<Buffer> {
  yield data;
}

/** Runs `op` for indices 0..count-1 from `concurrency` loops. */
async function forEachConcurrently(count: number, concurrency: number, op: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await op(next++);
    }),
  );
}

/** Seconds `work` took, and how far the process's RSS rose above where it started (sampled every 5 ms). */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; rssGrowthMiB: number }> {
  const base = process.memoryUsage.rss();
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, seconds, rssGrowthMiB: (peak - base) / MiB };
  } finally {
    clearInterval(sampler);
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeAll(handle: fsp.FileHandle, data: Uint8Array): Promise<void> {
  for (let done = 0; done < data.length; ) done += (await handle.write(data, done)).bytesWritten;
}

/** The peer's durable write: the same bytes to `target` under each node directory, nodes in parallel. */
async function durableWrite(nodeDirs: string[], target: string, source: AsyncIterable<Uint8Array>): Promise<void> {
  const files = nodeDirs.map((dir) => ({ tmp: path.join(dir, ".tmp", crypto.randomUUID()), final: path.join(dir, target) }));
  const handles = await Promise.all(files.map((f) => fsp.open(f.tmp, "w", 0o600)));
  try {
    for await (const piece of source) await Promise.all(handles.map((h) => writeAll(h, piece)));
    await Promise.all(handles.map((h) => h.sync()));
  } finally {
    await Promise.all(handles.map((h) => h.close()));
  }
  await Promise.all(files.map(async (f) => {
    await fsp.rename(f.tmp, f.final);
    await syncDirectory(path.dirname(f.final));
  }));
}

async function countBytes(stream: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const part of stream) bytes += part.length;
  return bytes;
}

function expectBytes(what: string, got: number, expected: number): void {
  if (got !== expected) throw new Error(`${what} gave ${got} bytes, expected ${expected}`);
}

type Round = {
  engineWrite: number; peerWrite: number; engineRead: number; peerRead: number; // seconds for the large file
  engineWriteRss: number; peerWriteRss: number; engineReadRss: number; peerReadRss: number; // MiB
  engineSmallWrite: number; peerSmallWrite: number; engineSmallRead: number; peerSmallRead: number; // seconds for all small files
};

/** One round of every measurement, engine and peer, each in directories of its own under `root`. */
async function runRound(
  newEngine: (dirs: string[]) => StorageEngine,
  organizationId: string,
  root: string,
  sizes: { large: number; smallFiles: number },
  seed: number,
): Promise<Round> {
  const engineDirs = NODES.map((n) => path.join(root, "engine", n));
  const peerDirs = NODES.map((n) => path.join(root, "peer", n));
  const subdirs = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
  for (const dir of peerDirs) for (const sub of [".tmp", "large", ...subdirs.map((s) => `small/${s}`)]) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const engine = newEngine(engineDirs);

  // Large file: engine, then the same bytes by hand.
  const engineWrite = await timed(() => engine.write(organizationId, largeInput(sizes.large, seed)));
  expectBytes("engine write", engineWrite.result.size, sizes.large);
  const peerWrite = await timed(() => durableWrite(peerDirs, "large/file", largeInput(sizes.large, seed)));
  const engineRead = await timed(async () => countBytes((await engine.open(organizationId, engineWrite.result.blobId)).stream));
  expectBytes("engine read", engineRead.result, sizes.large);
  // 1 MiB reads: the fastest plain read here (64 KiB: ~2 GB/s, 1 MiB: ~5 GB/s, 4 MiB: ~4 GB/s from the page cache).
  const peerRead = await timed(() => countBytes(fs.createReadStream(path.join(peerDirs[0]!, "large/file"), { highWaterMark: MiB })));
  expectBytes("fs read", peerRead.result, sizes.large);

  // Small files, CONCURRENCY at a time.
  const inputs = smallInputs(sizes.smallFiles, seed);
  const blobIds: string[] = [];
  const engineSmallWrite = await timed(() =>
    forEachConcurrently(inputs.length, CONCURRENCY, async (i) => {
      blobIds[i] = (await engine.write(organizationId, once(inputs[i]!))).blobId;
    }),
  );
  const smallPath = (i: number) => `small/${subdirs[i % 256]}/${i}`;
  const peerSmallWrite = await timed(() => forEachConcurrently(inputs.length, CONCURRENCY, (i) => durableWrite(peerDirs, smallPath(i), once(inputs[i]!))));
  const engineSmallRead = await timed(() =>
    forEachConcurrently(inputs.length, CONCURRENCY, async (i) => {
      if (!(await engine.readAll(organizationId, blobIds[i]!)).equals(inputs[i]!)) throw new Error(`engine read back other bytes for file ${i}`);
    }),
  );
  const peerSmallRead = await timed(() =>
    forEachConcurrently(inputs.length, CONCURRENCY, async (i) => {
      expectBytes("fs readFile", (await fsp.readFile(path.join(peerDirs[0]!, smallPath(i)))).length, SMALL_FILE);
    }),
  );
  return {
    engineWrite: engineWrite.seconds, peerWrite: peerWrite.seconds, engineRead: engineRead.seconds, peerRead: peerRead.seconds,
    engineWriteRss: engineWrite.rssGrowthMiB, peerWriteRss: peerWrite.rssGrowthMiB, engineReadRss: engineRead.rssGrowthMiB, peerReadRss: peerRead.rssGrowthMiB,
    engineSmallWrite: engineSmallWrite.seconds, peerSmallWrite: peerSmallWrite.seconds,
    engineSmallRead: engineSmallRead.seconds, peerSmallRead: peerSmallRead.seconds,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const label = (bytes: number) => (bytes >= 2 ** 30 ? `${bytes / 2 ** 30} GiB` : `${bytes / MiB} MiB`);

export const storage: Benchmark = {
  name: "storage",
  summary: "1 GiB and 2,000 × 4 KiB written and read through the storage engine (2 replicas, encrypted) vs plain fs (durable write to both node dirs, read from one)",
  async run({ smoke }) {
    const sizes = smoke ? SMOKE : FULL;
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "awan-bench-storage-"));
    const database = await startTestDatabase();
    const db = createDatabase(database.appUrl); // the server's pool size
    try {
      const organizationId = crypto.randomUUID();
      await withTenantScope(db, { organizationId }, (tx) =>
        tx.organization.create({ data: { id: organizationId, name: "Bench", slug: `bench-${organizationId}` } }),
      );
      const key = crypto.randomBytes(32);
      const keyring = new OrganizationKeyring([{ id: masterKeyId(key), key }]);
      const newEngine = (dirs: string[]) =>
        new StorageEngine(db, dirs.map((dir) => new LocalDirectoryNode(path.basename(dir), dir)), keyring, {
          replicas: 2,
          writeQuorum: "all",
          chunkSize: DEFAULT_CHUNK_SIZE,
          readTimeoutMs: 5_000, // the server's defaults
          latencySloMs: 250,
          probeIntervalMs: 5_000,
        });
      const seed = crypto.randomInt(2 ** 31); // bytes no earlier run of this database wrote

      // Warm-up: the disk after earlier deletions, the JIT, the pool's connections.
      await runRound(newEngine, organizationId, path.join(root, "warm-up"), { large: sizes.warmUpLarge, smallFiles: sizes.warmUpSmall }, seed);
      const rounds: Round[] = [];
      for (let r = 1; r <= sizes.rounds; r++) {
        const round = await runRound(newEngine, organizationId, path.join(root, `round-${r}`), sizes, seed + r);
        rounds.push(round);
        const pair = (engine: number, peer: number, unit: string) => `${Math.round(engine)} vs ${Math.round(peer)} ${unit}`;
        console.log(
          `storage round ${r}: write ${pair(sizes.large / 1e6 / round.engineWrite, sizes.large / 1e6 / round.peerWrite, "MB/s")}, ` +
            `read ${pair(sizes.large / 1e6 / round.engineRead, sizes.large / 1e6 / round.peerRead, "MB/s")}, ` +
            `small write ${pair(sizes.smallFiles / round.engineSmallWrite, sizes.smallFiles / round.peerSmallWrite, "files/s")}, ` +
            `small read ${pair(sizes.smallFiles / round.engineSmallRead, sizes.smallFiles / round.peerSmallRead, "files/s")}`,
        );
      }

      const mbps = (pick: (r: Round) => number) => median(rounds.map((r) => sizes.large / 1e6 / pick(r)));
      const filesps = (pick: (r: Round) => number) => median(rounds.map((r) => sizes.smallFiles / pick(r)));
      const peakMiB = (pick: (r: Round) => number) => Math.max(...rounds.map(pick));
      const large = label(sizes.large);
      const files = `${sizes.smallFiles} × 4 KiB`;
      const results: Measurement[] = [
        compare(`write ${large}`, "MB/s", mbps((r) => r.engineWrite), "fs write+fsync ×2 nodes", mbps((r) => r.peerWrite)),
        compare(`read ${large}`, "MB/s", mbps((r) => r.engineRead), "fs read (1 node)", mbps((r) => r.peerRead)),
        compare(`write ${files}, ${CONCURRENCY} parallel`, "files/s", filesps((r) => r.engineSmallWrite), "fs tmp+fsync+rename+dir fsync ×2 nodes", filesps((r) => r.peerSmallWrite)),
        compare(`read ${files}, ${CONCURRENCY} parallel`, "files/s", filesps((r) => r.engineSmallRead), "fs readFile (1 node)", filesps((r) => r.peerSmallRead)),
        compare(`peak RSS growth, write ${large}`, "MiB", peakMiB((r) => r.engineWriteRss), "fs write+fsync ×2 nodes", peakMiB((r) => r.peerWriteRss)),
        compare(`peak RSS growth, read ${large}`, "MiB", peakMiB((r) => r.engineReadRss), "fs read (1 node)", peakMiB((r) => r.peerReadRss)),
      ];
      console.log(
        `storage: median of ${rounds.length} round(s) after a warm-up (RSS: the highest); each side reads its large file right after writing it (page cache, as far as it holds it); database pool of 10 connections, PostgreSQL on the same cores`,
      );
      return results;
    } finally {
      await db.$disconnect();
      await database.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
};
