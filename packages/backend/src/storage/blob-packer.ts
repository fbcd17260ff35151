import crypto from "node:crypto";
import { withTenantScope, type ScopedDb } from "@awan/db";
import { chunkId as idOf } from "./chunk-cipher";
import { recordChunks, writeChunk, type WriteContext, type WrittenBlob, type WrittenChunk } from "./blob-writer";

/**
 * Small contents written packed into shared chunks, durable on the write
 * quorum, not yet recorded: `record` adds their rows in a transaction of
 * the organization (the caller's own, so that the files naming them
 * commit with them), `afterCommit` then deletes copies made surplus by an
 * identical pack stored before; `discard` deletes every copy when nothing
 * was committed.
 */
export type StoredPack = {
  blobs: WrittenBlob[];
  record(tx: ScopedDb): Promise<void>;
  afterCommit(): Promise<void>;
  discard(): Promise<void>;
};

/**
 * Stores many small contents at once, packed into shared chunks: each
 * content is a slice of a pack of up to one chunk size, so a batch of a
 * hundred 4 KiB files costs one encrypted chunk and one durable write per
 * node instead of a hundred, and one transaction. A pack's chunk is
 * referenced once per slice; it goes when the last of its files is deleted.
 * (Packed contents are not deduplicated against each other.)
 */
export async function writePacked(ctx: WriteContext, contents: Buffer[]): Promise<WrittenBlob[]> {
  const pack = await storePacked(ctx, contents);
  try {
    await withTenantScope(ctx.db, { organizationId: ctx.organizationId }, (tx) => pack.record(tx));
  } catch (error) {
    await pack.discard();
    throw error;
  }
  await pack.afterCommit();
  return pack.blobs;
}

/** The durable half of writePacked: the chunks written, the rows left to the caller's transaction. */
export async function storePacked(ctx: WriteContext, contents: Buffer[]): Promise<StoredPack> {
  const packs: { members: number[]; bytes: Buffer }[] = [];
  let members: number[] = [];
  let size = 0;
  const close = () => {
    if (members.length > 0) packs.push({ members, bytes: Buffer.concat(members.map((i) => contents[i]!)) });
    members = [];
    size = 0;
  };
  contents.forEach((content, i) => {
    if (content.length === 0) return; // an empty blob has no chunk
    if (size + content.length > ctx.chunkSize) close();
    members.push(i);
    size += content.length;
  });
  close();

  const written = await Promise.all(
    packs.map(async (pack) => ({ ...pack, chunk: await idOf(ctx.keys.idKey, pack.bytes).then((id) => writeChunk(ctx, id, pack.bytes)) })),
  );
  return packedRecord(ctx, contents, written);
}

function packedRecord(ctx: WriteContext, contents: Buffer[], packs: { members: number[]; chunk: WrittenChunk }[]): StoredPack {
  const { organizationId } = ctx;
  const blobIds = contents.map(() => crypto.randomUUID());
  const slices = new Map<number, { chunkId: string; offset: number; length: number }>();
  for (const { members, chunk } of packs) {
    let offset = 0;
    for (const i of members) {
      slices.set(i, { chunkId: chunk.id, offset, length: contents[i]!.length });
      offset += contents[i]!.length;
    }
  }
  const digestOf = (i: number) => {
    const slice = slices.get(i);
    return crypto.createHash("sha256").update(slice ? `${slice.chunkId}:${slice.offset}:${slice.length}` : "").digest("hex");
  };
  let surplus: WrittenChunk[] = [];
  return {
    blobs: contents.map((c, i) => ({ blobId: blobIds[i]!, size: c.length, digest: digestOf(i) })),
    async record(tx) {
      const references = packs.flatMap(({ members, chunk }) => members.map(() => chunk.id));
      surplus = await recordChunks(tx, organizationId, references, packs.map((p) => p.chunk));
      // Arrays, and one statement for both tables: the cost of a batch hardly grows with its number of files.
      const sliced = [...slices];
      await tx.$executeRaw`
        WITH blobs AS (
          INSERT INTO "Blob" ("id", "organizationId", "size", "digest")
          SELECT b.id, ${organizationId}::uuid, b.size, b.digest
          FROM unnest(${blobIds}::uuid[], ${contents.map((c) => c.length)}::bigint[], ${contents.map((_, i) => digestOf(i))}::text[]) AS b(id, size, digest)
        )
        INSERT INTO "BlobChunk" ("blobId", "index", "organizationId", "chunkId", "offset", "length")
        SELECT s.blob_id, 0, ${organizationId}::uuid, s.chunk_id, s.start, s.length
        FROM unnest(${sliced.map(([i]) => blobIds[i]!)}::uuid[], ${sliced.map(([, s]) => s.chunkId)}::text[],
                    ${sliced.map(([, s]) => s.offset)}::int[], ${sliced.map(([, s]) => s.length)}::int[]) AS s(blob_id, chunk_id, start, length)`;
    },
    // Identical packs (the same files in the same order, stored again) share the first copy's chunk.
    async afterCommit() {
      await Promise.all(surplus.map((chunk) => ctx.store.deleteEverywhere(organizationId, chunk)));
    },
    async discard() {
      await Promise.allSettled(packs.map((p) => ctx.store.deleteEverywhere(organizationId, p.chunk)));
    },
  };
}
