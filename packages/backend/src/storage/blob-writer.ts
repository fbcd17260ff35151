import crypto from "node:crypto";
import { withTenantScope, type Database } from "@awan/db";
import { chunkId as idOf, encryptChunk } from "./chunk-cipher";
import { fixedSizeChunks } from "./chunker";
import type { ChunkStore } from "./chunk-store";
import type { OrganizationKeys } from "./organization-keys";

export type WrittenBlob = { blobId: string; size: number; digest: string };

type WriteContext = {
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
const IN_FLIGHT = 3;

/**
 * Stores a stream as a blob. Each chunk is either claimed (an equal chunk of
 * the organization already exists: its count goes up, nothing is written) or
 * encrypted and written to its nodes, durable on a quorum before its row is
 * committed. The blob's own rows commit last, after every chunk; a failure
 * gives back every claim, and what a crash leaves is found by the start-up
 * sweep, which recounts references.
 */
export async function writeBlob(ctx: WriteContext, source: AsyncIterable<Uint8Array>): Promise<WrittenBlob> {
  const claimed: string[] = [];
  const ids: string[] = [];
  const pending: Promise<void>[] = [];
  let size = 0;
  try {
    let index = 0;
    for await (const chunk of fixedSizeChunks(source, ctx.chunkSize)) {
      const at = index++;
      size += chunk.length;
      const stored = storeChunk(ctx, chunk).then((id) => {
        ids[at] = id;
        claimed.push(id);
      });
      stored.catch(() => {}); // its error surfaces when it is awaited, below or in the catch
      pending.push(stored);
      if (pending.length >= IN_FLIGHT) await pending.shift();
    }
    await Promise.all(pending);
    const digest = crypto.createHash("sha256").update(ids.join("\n")).digest("hex");
    const blob = await withTenantScope(ctx.db, { organizationId: ctx.organizationId }, async (tx) => {
      const created = await tx.blob.create({
        data: { organizationId: ctx.organizationId, size: BigInt(size), digest },
        select: { id: true },
      });
      await tx.blobChunk.createMany({
        data: ids.map((chunkId, i) => ({ blobId: created.id, index: i, organizationId: ctx.organizationId, chunkId })),
      });
      return created;
    });
    return { blobId: blob.id, size, digest };
  } catch (error) {
    // Chunks still in flight may yet claim or insert theirs: wait, so that every claim is given back.
    await Promise.allSettled(pending);
    await releaseChunks(ctx.db, ctx.store, ctx.organizationId, claimed).catch(() => {});
    throw error;
  }
}

/** Claims an existing equal chunk, or writes a new one; returns its id. */
async function storeChunk(ctx: WriteContext, plaintext: Buffer): Promise<string> {
  const { db, organizationId } = ctx;
  const id = idOf(ctx.keys.idKey, plaintext);
  const reused = await withTenantScope(db, { organizationId }, (tx) =>
    tx.$executeRaw`UPDATE "Chunk" SET "refCount" = "refCount" + 1
      WHERE "organizationId" = ${organizationId}::uuid AND "id" = ${id} AND "refCount" > 0`,
  );
  if (reused > 0) return id;

  const chunk = { id, generation: crypto.randomBytes(4).toString("hex") };
  const stored = encryptChunk(ctx.keys.dataKey, organizationId, id, plaintext);
  const { written, missing } = await ctx.store.put(organizationId, chunk, stored, ctx.placement, ctx.quorum);
  const won = await withTenantScope(db, { organizationId }, async (tx) => {
    // A concurrent writer of the same bytes may have inserted it meanwhile:
    // then this is one more use of theirs, and these files are surplus.
    const [row] = await tx.$queryRaw<{ generation: string }[]>`
      INSERT INTO "Chunk" ("organizationId", "id", "generation", "size", "refCount")
      VALUES (${organizationId}::uuid, ${id}, ${chunk.generation}, ${plaintext.length}, 1)
      ON CONFLICT ("organizationId", "id") DO UPDATE SET "refCount" = "Chunk"."refCount" + 1
      RETURNING "generation"`;
    if (row?.generation !== chunk.generation) return false;
    await tx.chunkReplica.createMany({
      data: [
        ...written.map((nodeId) => ({ organizationId, chunkId: id, nodeId, state: "OK" as const })),
        ...missing.map((nodeId) => ({ organizationId, chunkId: id, nodeId, state: "MISSING" as const })),
      ],
    });
    return true;
  });
  if (!won) await ctx.store.deleteEverywhere(organizationId, chunk);
  return id;
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
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
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
