import crypto from "node:crypto";

/**
 * Which nodes hold an organization's chunks: rendezvous (highest-random-
 * weight) hashing of the organization over the nodes, so each organization
 * keeps a stable set, organizations spread evenly, and adding a node moves
 * only the share that lands on it.
 */
export function placeOrganization(organizationId: string, nodeIds: string[], replicas: number): string[] {
  const score = (nodeId: string) => crypto.createHash("sha256").update(`${organizationId}\0${nodeId}`).digest().readBigUInt64BE(0);
  return nodeIds
    .map((nodeId) => ({ nodeId, score: score(nodeId) }))
    .sort((a, b) => (a.score === b.score ? 0 : a.score > b.score ? -1 : 1))
    .slice(0, Math.min(replicas, nodeIds.length))
    .map((n) => n.nodeId);
}
