import crypto from "node:crypto";
import { withTenantScope, type Database, type ScopedDb } from "@awan/db";
import { giveBackBuffers } from "./buffer-pool";
import { chunkId as idOf, encryptChunk } from "./chunk-cipher";
import { fixedSizeChunks } from "./chunker";
import type { ChunkRef, ChunkStore } from "./chunk-store";
import type { OrganizationKeys } from "./organization-keys";

export type WrittenBlob = { blobId: string; size: number; digest: string };

export type WriteContext = {
  db: Database;
  store: ChunkStore;
  organizationId: string;
  keys: OrganizationKeys;
  /** The organization's nodes, and how many of them must hold a chunk before it counts as written. */
  placement: string[];
  quorum: number;
  chunkSize: number;
};

// Chunks hashed, encrypted and written at once: enough to keep the disk and
// the CPU busy together, while memory stays at a few chunks whatever the size.
const IN_FLIGHT = 6;

/** A chunk this write put on the nodes, under a generation of its own. */
export type WrittenChunk = ChunkRef & { size: number; written: string[]; missing: string[] };

/**
 * Stores a stream as a blob. Every chunk is encrypted and written to its
 * nodes, durable on the quorum, with no database round trip; then one
 * transaction records the chunks and the blob. A chunk the organization
 * already has (same keyed hash) only gains a reference there, and this
 * write's copy of it is deleted: equal content is kept once, at the price of
 * writing it once more. Nothing is recorded before every chunk is durable; a
 * failure deletes what was written, and what a crash leaves is an orphan the
 * start-up sweep removes.
 */
export async function writeBlob(ctx: WriteContext, source: AsyncIterable<Uint8Array>): Promise<WrittenBlob> {
  const ids: string[] = [];
  const chunks = new Map<string, Promise<WrittenChunk>>(); // one write per distinct chunk of this blob
  const pending: Promise<unknown>[] = [];
  let size = 0;
  try {
    let index = 0;
    for await (const plaintext of fixedSizeChunks(source, ctx.chunkSize)) {
      size += plaintext.length;
      const at = index++;
      const work = idOf(ctx.keys.idKey, plaintext).then((id) => {
        ids[at] = id;
        if (chunks.has(id)) {
          giveBackBuffers([plaintext]);
          return chunks.get(id);
        }
        const written = writeChunk(ctx, id, plaintext);
        written.catch(() => {}); // its error surfaces when it is awaited, below
        chunks.set(id, written);
        return written;
      });
      work.catch(() => {});
      pending.push(work);
      if (pending.length >= IN_FLIGHT) await pending.shift();
    }
    await Promise.all(pending);
    const written = await Promise.all(chunks.values());
    const digest = blobDigest(ids);
    const { blobId, surplus } = await commitBlob(ctx, ids, written, size, digest);
    await Promise.all(surplus.map((chunk) => ctx.store.deleteEverywhere(ctx.organizationId, chunk)));
    return { blobId, size, digest };
  } catch (error) {
    // Nothing was recorded: every copy this write made goes, once the chunks
    // still being hashed or written have landed.
    await Promise.allSettled(pending);
    const made = await Promise.allSettled(chunks.values());
    await Promise.allSettled(
      made.flatMap((r) => (r.status === "fulfilled" ? [ctx.store.deleteEverywhere(ctx.organizationId, r.value)] : [])),
    );
    throw error;
  }
}

/** Encrypts and stores one chunk. The plaintext is given back to the buffer pool once encrypted: the caller must not use it after this call. */
export async function writeChunk(ctx: WriteContext, id: string, plaintext: Buffer): Promise<WrittenChunk> {
  const chunk = { id, generation: crypto.randomBytes(4).toString("hex") };
  const size = plaintext.length;
  const stored = await encryptChunk(ctx.keys.dataKey, ctx.organizationId, id, plaintext);
  giveBackBuffers([plaintext]);
  const { written, missing } = await ctx.store.put(ctx.organizationId, chunk, stored, ctx.placement, ctx.quorum);
  return { ...chunk, size, written, missing };
}

/** Records the chunks and the blob in one transaction. */
async function commitBlob(ctx: WriteContext, ids: string[], written: WrittenChunk[], size: number, digest: string) {
  const { organizationId } = ctx;
  return withTenantScope(ctx.db, { organizationId }, async (tx) => {
    const surplus = await recordChunks(tx, organizationId, ids, written);
    const blob = await tx.blob.create({ data: { organizationId, size: BigInt(size), digest }, select: { id: true } });
    await tx.blobChunk.createMany({ data: ids.map((chunkId, index) => ({ blobId: blob.id, index, organizationId, chunkId })) });
    return { blobId: blob.id, surplus };
  });
}

/**
 * Adds one reference per id in `ids` to the chunks this write put on the
 * nodes. A chunk whose row exists (another blob, or a concurrent writer of
 * the same bytes, got there first) only gains the references; the copies
 * this write made of it are surplus, returned for deletion after the commit.
 */
export async function recordChunks(tx: ScopedDb, organizationId: string, ids: string[], written: WrittenChunk[]): Promise<WrittenChunk[]> {
  const uses = new Map<string, number>();
  for (const id of ids) uses.set(id, (uses.get(id) ?? 0) + 1);
  // Rows are locked in id order, as releaseChunks does: two writers sharing chunks never deadlock.
  const sorted = [...written].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (sorted.length === 0) return [];
  const replicas = sorted.flatMap((c) => [
    ...c.written.map((nodeId) => ({ chunk: c, nodeId, state: "OK" })),
    ...c.missing.map((nodeId) => ({ chunk: c, nodeId, state: "MISSING" })),
  ]);
  // One statement: the chunk rows, and the replicas of those this write's copies became (not those another writer's did).
  const rows = await tx.$queryRaw<{ id: string; generation: string }[]>`
    WITH kept AS (
      INSERT INTO "Chunk" ("organizationId", "id", "generation", "size", "refCount")
      SELECT ${organizationId}::uuid, c.id, c.generation, c.size, c.uses
      FROM unnest(${sorted.map((c) => c.id)}::text[], ${sorted.map((c) => c.generation)}::text[],
                  ${sorted.map((c) => c.size)}::int[], ${sorted.map((c) => uses.get(c.id)!)}::int[])
           AS c(id, generation, size, uses)
      ORDER BY c.id
      ON CONFLICT ("organizationId", "id") DO UPDATE SET "refCount" = "Chunk"."refCount" + EXCLUDED."refCount"
      RETURNING "id", "generation"
    ), replicas AS (
      INSERT INTO "ChunkReplica" ("organizationId", "chunkId", "nodeId", "state")
      SELECT ${organizationId}::uuid, r.chunk_id, r.node_id, r.state::"ReplicaState"
      FROM unnest(${replicas.map((r) => r.chunk.id)}::text[], ${replicas.map((r) => r.chunk.generation)}::text[],
                  ${replicas.map((r) => r.nodeId)}::text[], ${replicas.map((r) => r.state)}::text[]) AS r(chunk_id, generation, node_id, state)
      JOIN kept ON kept."id" = r.chunk_id AND kept."generation" = r.generation
    )
    SELECT "id", "generation" FROM kept`;
  const kept = new Map(rows.map((r) => [r.id, r.generation]));
  return written.filter((c) => kept.get(c.id) !== c.generation);
}

/** The content fingerprint of a blob: SHA-256 over its chunk ids in order. */
export function blobDigest(ids: string[]): string {
  return crypto.createHash("sha256").update(ids.join("\n")).digest("hex");
}

/**
 * Gives back one reference per id; chunks nobody references any more lose
 * their rows, then their files. A writer of the same bytes after that writes
 * a new generation, so deleting these files never touches its files; a file
 * left by a crash in between is an orphan the start-up sweep removes.
 */
export async function releaseChunks(db: Database, store: ChunkStore, organizationId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const counts = new Map<string, number>();
  for (const id of [...ids].sort()) counts.set(id, (counts.get(id) ?? 0) + 1);
  const unused = await withTenantScope(db, { organizationId }, async (tx) => {
    for (const [id, count] of counts) {
      await tx.$executeRaw`UPDATE "Chunk" SET "refCount" = "refCount" - ${count}
        WHERE "organizationId" = ${organizationId}::uuid AND "id" = ${id}`;
    }
    const gone = await tx.chunk.findMany({
      where: { organizationId, id: { in: [...counts.keys()] }, refCount: { lte: 0 } },
      select: { id: true, generation: true },
    });
    await tx.chunk.deleteMany({ where: { organizationId, id: { in: gone.map((c) => c.id) } } });
    return gone;
  });
  await Promise.all(unused.map((chunk) => store.deleteEverywhere(organizationId, chunk)));
}
