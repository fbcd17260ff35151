import { type Database } from "@awan/db";
import { deleteBlobs } from "./blob-deleter";
import { unreferencedBlob } from "./blob-references";
import type { ChunkStore } from "./chunk-store";

/**
 * How old a blob must be before nothing referencing it makes it debris.
 * engine.write and writeSmall commit a blob before the caller's own
 * transaction commits the row that uses it (a file version, a chat
 * attachment), possibly in another console process sharing the database:
 * until then the blob is young and nobody's, and must stay.
 */
export const UNREFERENCED_BLOB_GRACE_MS = 60 * 60 * 1000;

const BATCH = 200;
const FIRST_UUID = "00000000-0000-0000-0000-000000000000";

/**
 * Deletes the organization's blobs that no row references (see
 * blob-references.ts) and that are older than the grace period: what a
 * crash between a delete's commit and its blob deletion leaves, or a packed
 * write's blob that was never used. Their chunks, and the chunks' files,
 * go through the normal deletion path. Returns how many blobs went.
 */
export async function sweepUnreferencedBlobs(
  db: Database,
  store: ChunkStore,
  organizationId: string,
  graceMs = UNREFERENCED_BLOB_GRACE_MS,
): Promise<number> {
  const createdBefore = new Date(Date.now() - graceMs);
  const cursor = { after: FIRST_UUID, done: false };
  let swept = 0;
  while (!cursor.done) {
    swept += await deleteBlobs(db, store, organizationId, async (tx) => {
      // SKIP LOCKED: a blob whose referrer is being inserted right now is
      // key-share locked by that insert's foreign-key check, and is left alone.
      const candidates = await tx.$queryRaw<{ id: string }[]>`
        SELECT b."id" FROM "Blob" b
        WHERE b."organizationId" = ${organizationId}::uuid AND b."id" > ${cursor.after}::uuid
          AND b."createdAt" < ${createdBefore}::timestamp AND ${unreferencedBlob("b")}
        ORDER BY b."id" LIMIT ${BATCH} FOR UPDATE OF b SKIP LOCKED`;
      cursor.done = candidates.length < BATCH;
      cursor.after = candidates.at(-1)?.id ?? cursor.after;
      if (candidates.length === 0) return [];
      // Checked again under the lock, with a fresh snapshot: a referrer committed in between keeps its blob.
      const still = await tx.$queryRaw<{ id: string }[]>`
        SELECT b."id" FROM "Blob" b WHERE b."id" = ANY(${candidates.map((c) => c.id)}::uuid[]) AND ${unreferencedBlob("b")}`;
      return still.map((row) => row.id);
    });
  }
  return swept;
}
