import { withTenantScope, type Database } from "@awan/db";
import { listOrganizationIds } from "./organizations";
import type { StorageEngine } from "./storage-engine";

export type NodeCounts = { chunks: number; missing: number };

/**
 * What the Storage admin page shows: each node's health and space, how many
 * chunk replicas it holds and lacks, chunks short of a full set of copies,
 * and the last scrub. Counted organization by organization, each in its own
 * scope.
 */
export async function storageStatus(db: Database, engine: StorageEngine) {
  const perNode = new Map<string, NodeCounts>();
  let underReplicated = 0;
  let chunks = 0;
  for (const organizationId of await listOrganizationIds(db)) {
    await withTenantScope(db, { organizationId }, async (tx) => {
      const groups = await tx.chunkReplica.groupBy({ by: ["nodeId", "state"], where: { organizationId }, _count: { _all: true } });
      for (const group of groups) {
        const counts = perNode.get(group.nodeId) ?? { chunks: 0, missing: 0 };
        if (group.state === "OK") counts.chunks += group._count._all;
        else counts.missing += group._count._all;
        perNode.set(group.nodeId, counts);
      }
      chunks += await tx.chunk.count({ where: { organizationId } });
      underReplicated += await tx.chunk.count({ where: { organizationId, replicas: { some: { state: "MISSING" } } } });
    });
  }
  const lastScrub = await db.scrubRun.findFirst({ orderBy: { startedAt: "desc" } });
  const nodes = (await engine.nodeStatus()).map((node) => ({ ...node, ...(perNode.get(node.nodeId) ?? { chunks: 0, missing: 0 }) }));
  return { nodes, chunks, underReplicated, lastScrub, writeQuorum: engine.options.writeQuorum, replicas: engine.options.replicas };
}
