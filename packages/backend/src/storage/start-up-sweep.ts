import { withTenantScope, type Database } from "@awan/db";
import { chunkKey, parseChunkKey, type ChunkStore } from "./chunk-store";
import { listOrganizationIds } from "./organizations";
import { sweepUnreferencedBlobs } from "./unreferenced-blobs";

export type SweepReport = { temporaryFiles: number; unreferencedBlobs: number; orphanFiles: number; referencesFixed: number; unusedChunks: number };

/**
 * Run at start-up, before any write: clears what a crash can leave.
 * - temporary files of interrupted writes;
 * - blobs no row references, older than the grace period (see
 *   unreferenced-blobs.ts): left by a crash between a delete's commit and
 *   its blob deletion;
 * - reference counts raised by writes whose blob never committed: every count
 *   is recomputed from the blobs that exist, and chunks no blob uses go;
 * - chunk files that no chunk row names (written, never committed).
 * Nothing in use is touched: a referenced blob's chunks are in rows that its
 * own rows reference, and a young blob may be about to get its referrer.
 */
export async function sweepAfterCrash(db: Database, store: ChunkStore): Promise<SweepReport> {
  const report: SweepReport = { temporaryFiles: 0, unreferencedBlobs: 0, orphanFiles: 0, referencesFixed: 0, unusedChunks: 0 };
  for (const node of store.nodes) report.temporaryFiles += await node.sweepIncompleteWrites();

  for (const organizationId of await listOrganizationIds(db)) {
    report.unreferencedBlobs += await sweepUnreferencedBlobs(db, store, organizationId);
    const unused = await withTenantScope(db, { organizationId }, async (tx) => {
      report.referencesFixed += await tx.$executeRaw`
        UPDATE "Chunk" c SET "refCount" = counted.n
        FROM (SELECT ch."id", count(bc."chunkId")::int AS n
              FROM "Chunk" ch LEFT JOIN "BlobChunk" bc ON bc."organizationId" = ch."organizationId" AND bc."chunkId" = ch."id"
              WHERE ch."organizationId" = ${organizationId}::uuid GROUP BY ch."id") counted
        WHERE c."organizationId" = ${organizationId}::uuid AND c."id" = counted."id" AND c."refCount" <> counted.n`;
      const gone = await tx.chunk.findMany({ where: { organizationId, refCount: { lte: 0 } }, select: { id: true, generation: true } });
      await tx.chunk.deleteMany({ where: { organizationId, refCount: { lte: 0 } } });
      return gone;
    });
    report.unusedChunks += unused.length;
    await Promise.all(unused.map((chunk) => store.deleteEverywhere(organizationId, chunk)));
  }

  for (const node of store.nodes) {
    const byOrganization = new Map<string, string[]>();
    for await (const key of node.list("chunks")) {
      const parsed = parseChunkKey(key);
      if (!parsed) continue;
      const keys = byOrganization.get(parsed.organizationId) ?? [];
      keys.push(key);
      byOrganization.set(parsed.organizationId, keys);
    }
    for (const [organizationId, keys] of byOrganization) {
      const known = await withTenantScope(db, { organizationId }, (tx) =>
        tx.chunk.findMany({ where: { organizationId }, select: { id: true, generation: true } }),
      );
      const live = new Set(known.map((chunk) => chunkKey(organizationId, chunk)));
      for (const key of keys) {
        if (live.has(key)) continue;
        await node.delete(key);
        report.orphanFiles += 1;
      }
    }
  }
  return report;
}
