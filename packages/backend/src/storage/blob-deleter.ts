import { withTenantScope, type Database } from "@awan/db";
import { DomainError } from "../errors";
import { releaseChunks } from "./blob-writer";
import type { ChunkStore } from "./chunk-store";

/** Deletes a blob; its chunks go when nothing else uses them. */
export async function deleteBlob(db: Database, store: ChunkStore, organizationId: string, blobId: string): Promise<void> {
  const chunkIds = await withTenantScope(db, { organizationId }, async (tx) => {
    const rows = await tx.blobChunk.findMany({ where: { blobId, organizationId }, select: { chunkId: true } });
    const { count } = await tx.blob.deleteMany({ where: { id: blobId, organizationId } });
    if (count === 0) throw new DomainError("NOT_FOUND", "This content does not exist.");
    return rows.map((r) => r.chunkId);
  });
  await releaseChunks(db, store, organizationId, chunkIds);
}
