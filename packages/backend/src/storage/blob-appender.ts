import type { ScopedDb } from "@awan/db";
import { withTenantScope } from "@awan/db";
import { DomainError } from "../errors";
import { chunkId as idOf } from "./chunk-cipher";
import { fixedSizeChunks } from "./chunker";
import { blobDigest, recordChunks, writeChunk, type WriteContext, type WrittenChunk } from "./blob-writer";

// Chunks hashed, encrypted and written ahead of the one being committed.
const IN_FLIGHT = 4;

/**
 * Resumable writes: a blob that grows across requests (file uploads). Each
 * chunk is committed as soon as it is durable, so the blob's size is always
 * an offset a client can resume from. Whatever a request delivered is kept,
 * even when it ends (or breaks off) mid-chunk: that piece becomes a shorter
 * chunk, and the next request's chunks end at multiples of the chunk size
 * again, so content uploaded in pieces mostly dedupes as if written whole.
 */
export async function createPendingBlob(tx: ScopedDb, organizationId: string): Promise<string> {
  const blob = await tx.blob.create({ data: { organizationId, size: 0n, digest: "", complete: false }, select: { id: true } });
  return blob.id;
}

type Written = { id: string; chunk: WrittenChunk };
type Pending = { written: Promise<Written>; settled: boolean; committed: Promise<void> };

/**
 * Appends a stream at `offset` of a pending blob that will hold `length`
 * bytes in all, and resolves to the new offset. Bytes past `length` are
 * refused. If the stream fails midway, what it delivered is still committed
 * before the error is passed on.
 *
 * Reading, writing chunks and committing them overlap: chunks are hashed,
 * encrypted and written as they arrive, and committed in order in the
 * background, every chunk that is durable by then in one transaction; the
 * reader waits only when IN_FLIGHT chunks are not committed yet.
 */
export async function appendToBlob(
  ctx: WriteContext,
  blobId: string,
  at: { offset: number; length: number },
  source: AsyncIterable<Uint8Array>,
): Promise<number> {
  const { organizationId, chunkSize } = ctx;
  let offset = at.offset;
  let received = at.offset;
  let failure: unknown = null;
  const queue: Pending[] = []; // written or being written, not committed yet, oldest first
  let commits: Promise<void> = Promise.resolve();

  // After a refusal (bytes past the declared length) nothing more is committed: the request changes nothing further.
  let refused = false;
  const commitThrough = async (pending: Pending) => {
    if (!queue.includes(pending)) return; // an earlier group commit took it along
    await pending.written.catch(() => {});
    if (refused) return;
    const waiting = queue.findIndex((p) => !p.settled);
    const group = queue.slice(0, waiting === -1 ? queue.length : Math.max(queue.indexOf(pending) + 1, waiting));
    const settled = await Promise.allSettled(group.map((p) => p.written));
    const failed = settled.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    offset = await commitChunks(ctx, blobId, offset, settled.map((r) => (r as PromiseFulfilledResult<Written>).value));
    queue.splice(0, group.length);
  };

  try {
    for await (const plaintext of fixedSizeChunks(source, chunkSize, { from: at.offset, tailOnError: true })) {
      received += plaintext.length;
      if (received > at.length) {
        refused = true;
        throw new DomainError("INVALID_INPUT", `The upload sent more than its declared ${at.length} bytes.`);
      }
      const pending = {
        written: idOf(ctx.keys.idKey, plaintext).then(async (id) => ({ id, chunk: await writeChunk(ctx, id, plaintext) })),
        settled: false,
      } as Pending;
      // Its error surfaces through its commit, or it is cleaned up below.
      pending.written.then(() => (pending.settled = true), () => (pending.settled = true));
      pending.committed = commits = commits.then(() => commitThrough(pending));
      queue.push(pending);
      if (queue.length >= IN_FLIGHT) await queue[0]!.committed;
    }
  } catch (error) {
    failure = error;
  }
  // What arrived is kept, even when the stream broke off after it.
  await commits.catch((error: unknown) => (failure ??= error));
  if (failure) {
    const made = await Promise.allSettled(queue.map((p) => p.written));
    await Promise.allSettled(made.flatMap((r) => (r.status === "fulfilled" ? [ctx.store.deleteEverywhere(organizationId, r.value.chunk)] : [])));
    throw failure;
  }
  return offset;
}

/**
 * Records chunks at the blob's end, in order, if the blob is still where
 * this writer left it. The same content twice among them is one chunk with
 * two references; the second copy written of it is surplus.
 */
async function commitChunks(ctx: WriteContext, blobId: string, offset: number, chunks: { id: string; chunk: WrittenChunk }[]): Promise<number> {
  const { organizationId } = ctx;
  const firsts = new Map<string, WrittenChunk>();
  const extra: WrittenChunk[] = [];
  for (const { id, chunk } of chunks) {
    if (firsts.has(id)) extra.push(chunk);
    else firsts.set(id, chunk);
  }
  const size = chunks.reduce((sum, c) => sum + c.chunk.size, 0);
  const surplus = await withTenantScope(ctx.db, { organizationId }, async (tx) => {
    const moved = await tx.blob.updateMany({
      where: { id: blobId, organizationId, complete: false, size: BigInt(offset) },
      data: { size: { increment: BigInt(size) } },
    });
    if (moved.count === 0) throw new DomainError("CONFLICT", "This upload was changed by another request; resume from its current offset.");
    const surplus = await recordChunks(tx, organizationId, chunks.map((c) => c.id), [...firsts.values()]);
    // The blob's row is locked by the update above: nobody else is counting its chunks now.
    const first = await tx.blobChunk.count({ where: { blobId } });
    await tx.blobChunk.createMany({ data: chunks.map((c, i) => ({ blobId, index: first + i, organizationId, chunkId: c.id })) });
    return surplus;
  }).catch(async (error: unknown) => {
    await Promise.allSettled(chunks.map((c) => ctx.store.deleteEverywhere(organizationId, c.chunk)));
    throw error;
  });
  await Promise.all([...surplus, ...extra].map((chunk) => ctx.store.deleteEverywhere(organizationId, chunk)));
  return offset + size;
}

/** Marks a pending blob complete once it holds `length` bytes; returns its digest. */
export async function sealBlob(tx: ScopedDb, organizationId: string, blobId: string, length: number): Promise<string> {
  const chunks = await tx.blobChunk.findMany({ where: { blobId, organizationId }, orderBy: { index: "asc" }, select: { chunkId: true } });
  const digest = blobDigest(chunks.map((c) => c.chunkId));
  const sealed = await tx.blob.updateMany({
    where: { id: blobId, organizationId, complete: false, size: BigInt(length) },
    data: { complete: true, digest },
  });
  if (sealed.count === 0) throw new DomainError("CONFLICT", "The upload is not complete.");
  return digest;
}

/**
 * A new blob with the same chunks (one more reference each): a copy that
 * moves no bytes.
 */
export async function cloneBlob(tx: ScopedDb, organizationId: string, blobId: string): Promise<string> {
  const source = await tx.blob.findFirst({
    where: { id: blobId, organizationId, complete: true },
    select: { size: true, digest: true, chunks: { orderBy: { index: "asc" }, select: { chunkId: true, offset: true, length: true } } },
  });
  if (!source) throw new DomainError("NOT_FOUND", "This content does not exist.");
  const ids = source.chunks.map((c) => c.chunkId);
  const uses = new Map<string, number>();
  for (const id of ids) uses.set(id, (uses.get(id) ?? 0) + 1);
  const sorted = [...uses.keys()].sort();
  if (sorted.length > 0) {
    // Locked in id order, as every writer does, so concurrent writers never deadlock.
    await tx.$executeRaw`SELECT 1 FROM "Chunk" WHERE "organizationId" = ${organizationId}::uuid AND "id" = ANY(${sorted}::text[]) ORDER BY "id" FOR UPDATE`;
    await tx.$executeRaw`
      UPDATE "Chunk" SET "refCount" = "refCount" + u.n
      FROM unnest(${sorted}::text[], ${sorted.map((id) => uses.get(id)!)}::int[]) AS u(id, n)
      WHERE "Chunk"."organizationId" = ${organizationId}::uuid AND "Chunk"."id" = u.id`;
  }
  const blob = await tx.blob.create({ data: { organizationId, size: source.size, digest: source.digest }, select: { id: true } });
  await tx.blobChunk.createMany({
    data: source.chunks.map(({ chunkId, offset, length }, index) => ({ blobId: blob.id, index, organizationId, chunkId, offset, length })),
  });
  return blob.id;
}
