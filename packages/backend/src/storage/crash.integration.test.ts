import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "@awan/db";
import { REPO_ROOT } from "@awan/db/launcher";
import { describe, expect, it } from "vitest";
import { chunkKey } from "./chunk-store";
import type { CrashWriterArgs } from "./testing/crash-writer";
import { filesUnder, newStorage, sha256 } from "./testing/storage-fixture";

const CRASH_WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), "testing/crash-writer.ts");
const CHUNK = 16 * 1024;
// When each kill lands, counted from the writer's first acknowledged write (once
// it is connected and warm): spread over the writing, the same on every run.
const KILL_AFTER_MS = [60, 1_400, 350, 900, 10, 1_150, 600, 220, 1_500, 750];

/** Runs the crash writer, kills it with SIGKILL `afterMs` after its first acknowledged write, and returns every complete line it printed. */
function runAndKill(args: CrashWriterArgs, appUrl: string, afterMs: number): Promise<string[]> {
  const child = spawn(process.execPath, ["--import", "tsx", CRASH_WRITER, JSON.stringify(args)], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_APP_URL: appUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => {
    if (!out.includes("\n") && d.includes("\n")) setTimeout(() => child.kill("SIGKILL"), afterMs);
    out += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`The crash writer ended by itself (code ${code}):\n${err}`));
      else resolve(out.split("\n").slice(0, -1)); // the last piece is unterminated, if anything
    });
  });
}

/** What a crash must never leave once the start-up sweep has run. */
async function expectNoDebris(owner: Database, organizationId: string, dirs: string[]) {
  for (const dir of dirs) expect(filesUnder(path.join(dir, ".tmp")), `temporary files in ${dir}`).toEqual([]);

  const chunks = await owner.chunk.findMany({
    where: { organizationId },
    select: { id: true, generation: true, refCount: true, replicas: { select: { nodeId: true, state: true } }, _count: { select: { blobChunks: true } } },
  });
  for (const chunk of chunks) expect(chunk.refCount, `references of chunk ${chunk.id}`).toBe(chunk._count.blobChunks);
  expect(chunks.filter((c) => c.refCount <= 0)).toEqual([]);

  const live = new Set(chunks.map((chunk) => chunkKey(organizationId, chunk)));
  for (const dir of dirs) {
    const stored = filesUnder(path.join(dir, "chunks")).map((file) => path.relative(dir, file));
    expect(stored.filter((key) => !live.has(key)), `chunk files in ${dir} that no chunk names`).toEqual([]);
    // And the sweep removed nothing a chunk still needs.
    const needed = chunks.filter((c) => c.replicas.some((r) => r.nodeId === path.basename(dir) && r.state === "OK"));
    expect(needed.filter((c) => !fs.existsSync(path.join(dir, chunkKey(organizationId, c)))).map((c) => c.id)).toEqual([]);
  }
}

describe("crash safety", () => {
  it("keeps every acknowledged write through ten kills, and the start-up sweep leaves no debris", { timeout: 90_000 }, async () => {
    const { engine, organizationId, owner, dirs, masterKey, appUrl } = await newStorage({ chunkSize: CHUNK });
    const args = { organizationId, dirs, masterKey: masterKey.toString("base64"), chunkSize: CHUNK, writers: 8 };
    const written = new Map<string, string>();
    const deleting = new Set<string>();
    const deleted = new Set<string>();
    let debrisSwept = 0;

    for (const afterMs of KILL_AFTER_MS) {
      for (const line of await runAndKill(args, appUrl, afterMs)) {
        const [what, blobId, digest] = line.split(" ");
        if (what === "wrote") written.set(blobId!, digest!);
        if (what === "deleting") deleting.add(blobId!);
        if (what === "deleted") deleted.add(blobId!);
      }
      const report = await engine.sweepAfterCrash();
      debrisSwept += report.temporaryFiles + report.orphanFiles + report.unusedChunks + report.referencesFixed;
      await expectNoDebris(owner, organizationId, dirs);
    }

    // The kills did land in the middle of writes, and a fair amount was acknowledged.
    expect(debrisSwept).toBeGreaterThan(0);
    expect(written.size).toBeGreaterThan(50);
    expect(deleted.size).toBeGreaterThan(0);

    for (const [blobId, digest] of written) {
      if (deleted.has(blobId)) {
        await expect(engine.open(organizationId, blobId), blobId).rejects.toMatchObject({ code: "NOT_FOUND" });
        continue;
      }
      // Killed in the middle of its delete: gone or intact, nothing in between.
      const content = await engine.readAll(organizationId, blobId).catch((error: unknown) => {
        if (deleting.has(blobId) && (error as { code?: string }).code === "NOT_FOUND") return null;
        throw error;
      });
      if (content) expect(sha256(content), blobId).toBe(digest);
    }

    // No row references the writer's blobs: past the grace period the sweep
    // deletes every one, and with them every chunk and chunk file, whatever
    // the kills did to the reference counts.
    const blobs = await owner.blob.count({ where: { organizationId } });
    expect(blobs).toBeGreaterThan(0);
    await owner.$executeRaw`UPDATE "Blob" SET "createdAt" = "createdAt" - interval '2 hours' WHERE "organizationId" = ${organizationId}::uuid`;
    expect(await engine.sweepAfterCrash()).toMatchObject({ unreferencedBlobs: blobs, unusedChunks: 0, orphanFiles: 0 });
    expect(await owner.blob.count({ where: { organizationId } })).toBe(0);
    expect(await owner.chunk.count({ where: { organizationId } })).toBe(0);
    for (const dir of dirs) expect(filesUnder(path.join(dir, "chunks")), dir).toEqual([]);
  });
});
