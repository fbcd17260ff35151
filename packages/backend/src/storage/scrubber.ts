import { withTenantScope, type Database } from "@awan/db";
import { ChunkIntegrityError, decryptChunk } from "./chunk-cipher";
import { chunkKey, type ChunkStore } from "./chunk-store";
import type { OrganizationKeyring } from "./organization-keys";
import { listOrganizationIds } from "./organizations";
import { isNotFound } from "./storage-node";
import { sweepUnreferencedBlobs } from "./unreferenced-blobs";

export type ScrubReport = {
  replicasChecked: number;
  corruptRepaired: number;
  missingRestored: number;
  /** Chunks with no good copy left anywhere: data loss, reported loudly. */
  unrepairable: number;
  /** Replicas on nodes that did not answer: checked again next time. */
  unreachable: number;
  /** Blobs nothing referenced, deleted before the chunks were checked (see unreferenced-blobs.ts). */
  unreferencedBlobs: number;
};

const BATCH = 200;

/**
 * Reads every replica of every chunk, verifies it (GCM authentication), and
 * rewrites bad or missing replicas from a good copy: a node whose directory
 * was lost gets every chunk back once it answers again. Records the run.
 * First, each organization's unreferenced blobs go, so that debris left
 * since the last start is not kept (nor checked) until the next one.
 */
export async function scrub(
  db: Database,
  store: ChunkStore,
  keyring: OrganizationKeyring,
  placementFor: (organizationId: string) => string[],
): Promise<ScrubReport> {
  const run = await db.scrubRun.create({ data: {}, select: { id: true } });
  const report: ScrubReport = { replicasChecked: 0, corruptRepaired: 0, missingRestored: 0, unrepairable: 0, unreachable: 0, unreferencedBlobs: 0 };
  try {
    // One organization that cannot be scrubbed (its key unreadable, say) must
    // not leave every other unchecked: it is reported, and the run goes on.
    const failed: string[] = [];
    for (const organizationId of await listOrganizationIds(db)) {
      try {
        report.unreferencedBlobs += await sweepUnreferencedBlobs(db, store, organizationId);
        await scrubOrganization(db, store, keyring, organizationId, placementFor(organizationId), report);
      } catch (error) {
        console.error(`Scrub of organization ${organizationId} failed:`, error);
        failed.push(`${organizationId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await db.scrubRun.update({
      where: { id: run.id },
      data: { ...recordedCounts(report), finishedAt: new Date(), error: failed.length ? `Not scrubbed: ${failed.join("; ")}` : null },
    });
    return report;
  } catch (error) {
    await db.scrubRun.update({
      where: { id: run.id },
      data: { ...recordedCounts(report), finishedAt: new Date(), error: error instanceof Error ? error.message : String(error) },
    });
    throw error;
  }
}

/** The counts ScrubRun records. */
function recordedCounts({ unreachable: _, unreferencedBlobs: __, ...counts }: ScrubReport) {
  return counts;
}

async function scrubOrganization(
  db: Database,
  store: ChunkStore,
  keyring: OrganizationKeyring,
  organizationId: string,
  placement: string[],
  report: ScrubReport,
) {
  // An organization that never stored anything has no key, and needs none made for it.
  const stored = await withTenantScope(db, { organizationId }, (tx) => tx.chunk.count({ where: { organizationId } }));
  if (stored === 0) return;
  const keys = await withTenantScope(db, { organizationId }, (tx) => keyring.keysFor(tx, organizationId));
  let after = "";
  for (;;) {
    const chunks = await withTenantScope(db, { organizationId }, (tx) =>
      tx.chunk.findMany({
        where: { organizationId, id: { gt: after } },
        select: { id: true, generation: true, replicas: { select: { nodeId: true, state: true } } },
        orderBy: { id: "asc" },
        take: BATCH,
      }),
    );
    if (chunks.length === 0) return;
    after = chunks.at(-1)!.id;

    for (const chunk of chunks) {
      const nodeIds = [...new Set([...chunk.replicas.map((r) => r.nodeId), ...placement])];
      const key = chunkKey(organizationId, chunk);
      let good: Buffer[] | null = null;
      const bad: { nodeId: string; reason: "missing" | "corrupt" }[] = [];
      const healthy: string[] = [];
      for (const nodeId of nodeIds) {
        report.replicasChecked += 1;
        try {
          const stored = await store.node(nodeId).get(key);
          await decryptChunk(keys.dataKey, organizationId, chunk.id, stored);
          good ??= stored;
          healthy.push(nodeId);
        } catch (error) {
          if (isNotFound(error)) bad.push({ nodeId, reason: "missing" });
          else if (error instanceof ChunkIntegrityError) bad.push({ nodeId, reason: "corrupt" });
          else report.unreachable += 1;
        }
      }
      if (bad.length > 0 && !good) {
        report.unrepairable += 1;
        console.error(`Scrub: chunk ${chunk.id} of organization ${organizationId} has no good copy left.`);
        continue;
      }
      const repaired = good && bad.length > 0 ? await store.repair(organizationId, chunk, good, bad.map((b) => b.nodeId)) : [];
      for (const { nodeId, reason } of bad) {
        if (!repaired.includes(nodeId)) continue;
        if (reason === "corrupt") report.corruptRepaired += 1;
        else report.missingRestored += 1;
      }
      // Also a copy recorded missing that turns up intact (say, a node restored from a backup).
      const recordedOk = new Set(chunk.replicas.filter((r) => r.state === "OK").map((r) => r.nodeId));
      if (bad.length > 0 || healthy.some((nodeId) => !recordedOk.has(nodeId))) {
        const stillBad = bad.filter((b) => !repaired.includes(b.nodeId)).map((b) => b.nodeId);
        await recordReplicas(db, organizationId, chunk.id, [...healthy, ...repaired], stillBad);
      }
    }
  }
}

async function recordReplicas(db: Database, organizationId: string, chunkId: string, ok: string[], missing: string[]) {
  await withTenantScope(db, { organizationId }, async (tx) => {
    for (const [nodes, state] of [[ok, "OK"], [missing, "MISSING"]] as const) {
      for (const nodeId of nodes) {
        await tx.chunkReplica.upsert({
          where: { organizationId_chunkId_nodeId: { organizationId, chunkId, nodeId } },
          create: { organizationId, chunkId, nodeId, state },
          update: { state, checkedAt: new Date() },
        });
      }
    }
  });
}
