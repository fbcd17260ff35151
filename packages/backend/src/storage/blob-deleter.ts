import { withTenantScope, type Database, type ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { releaseChunks } from "./blob-writer";
import type { ChunkStore } from "./chunk-store";

/** Deletes a blob; its chunks go when nothing else uses them. */
export async function deleteBlob(db: Database, store: ChunkStore, organizationId: string, blobId: string): Promise<void> {
  await deleteBlobs(db, store, organizationId, async () => [blobId]);
}

/**
 * Deletes the blobs `choose` names, chosen inside the deleting transaction
 * (so that a sweep can lock and check them there), all or none
 * (NOT_FOUND if one does not exist); then their chunks go when nothing else
 * uses them. Returns how many blobs went.
 */
export async function deleteBlobs(
  db: Database,
  store: ChunkStore,
  organizationId: string,
  choose: (tx: ScopedDb) => Promise<string[]>,
): Promise<number> {
  const { blobIds, chunkIds } = await withTenantScope(db, { organizationId }, async (tx) => {
    const blobIds = await choose(tx);
    if (blobIds.length === 0) return { blobIds, chunkIds: [] };
    const rows = await tx.blobChunk.findMany({ where: { blobId: { in: blobIds }, organizationId }, select: { chunkId: true } });
    const { count } = await tx.blob.deleteMany({ where: { id: { in: blobIds }, organizationId } });
    if (count !== blobIds.length) throw new DomainError("NOT_FOUND", "This content does not exist.");
    return { blobIds, chunkIds: rows.map((r) => r.chunkId) };
  });
  await releaseChunks(db, store, organizationId, chunkIds);
  return blobIds.length;
}
