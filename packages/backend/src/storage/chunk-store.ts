import type { Database } from "@awan/db";
import { withTenantScope } from "@awan/db";
import { DomainError } from "../errors";
import type { NodeHealth } from "../routing/node-health";
import { BadReplicaError, readWithFailover } from "../routing/replica-selector";
import { giveBackBuffers } from "./buffer-pool";
import { ChunkIntegrityError, decryptChunk } from "./chunk-cipher";
import type { OrganizationKeys } from "./organization-keys";
import { isNotFound, type StorageNode } from "./storage-node";

/** A chunk as stored: its id and the generation its files were written under. */
export type ChunkRef = { id: string; generation: string };

export function chunkKey(organizationId: string, chunk: ChunkRef): string {
  return `chunks/${organizationId}/${chunk.id.slice(0, 2)}/${chunk.id}.${chunk.generation}`;
}

/** The chunk a file name names, or null for anything else. */
export function parseChunkKey(key: string): { organizationId: string; chunk: ChunkRef } | null {
  const match = /^chunks\/([0-9a-f-]{36})\/[0-9a-f]{2}\/([0-9a-f]{64})\.([0-9a-f]+)$/.exec(key);
  return match ? { organizationId: match[1]!, chunk: { id: match[2]!, generation: match[3]! } } : null;
}

/** Chunk files on the nodes, and the rows that say which node holds what. */
export class ChunkStore {
  private readonly byId: Map<string, StorageNode>;

  constructor(
    private readonly db: Database,
    nodes: StorageNode[],
    readonly health: NodeHealth,
    private readonly readTimeoutMs: number,
  ) {
    this.byId = new Map(nodes.map((n) => [n.id, n]));
  }

  node(nodeId: string): StorageNode {
    const node = this.byId.get(nodeId);
    if (!node) throw new Error(`Unknown storage node ${nodeId}.`);
    return node;
  }

  get nodes(): StorageNode[] {
    return [...this.byId.values()];
  }

  /**
   * Writes one encrypted chunk to its nodes; resolves when at least `quorum`
   * copies are durable, with the nodes that have it. A down node is not
   * waited for: it is left for the scrubber to fill in when it returns.
   */
  async put(organizationId: string, chunk: ChunkRef, stored: readonly Uint8Array[], nodeIds: string[], quorum: number) {
    const key = chunkKey(organizationId, chunk);
    const attempts = nodeIds.map(async (nodeId) => {
      if (this.health.state(nodeId) === "down") throw new Error(`node ${nodeId} is down`);
      const started = performance.now();
      try {
        await this.node(nodeId).put(key, stored);
        this.health.recordSuccess(nodeId, performance.now() - started);
        return nodeId;
      } catch (error) {
        this.health.recordFailure(nodeId, error);
        throw error;
      }
    });
    const results = await Promise.allSettled(attempts);
    const written = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    if (written.length < quorum) {
      await Promise.allSettled(written.map((nodeId) => this.node(nodeId).delete(key)));
      const reasons = results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error)?.message ?? r.reason)] : []));
      throw new DomainError(
        "UNAVAILABLE",
        `Only ${written.length} of the ${quorum} storage nodes a write needs are available. Nothing was stored; try again shortly.`,
        { cause: new Error(reasons.join("; ")) },
      );
    }
    return { written, missing: nodeIds.filter((id) => !written.includes(id)) };
  }

  /**
   * Reads and decrypts a chunk from the best replica, failing over to the
   * others. A replica that is missing or fails authentication is rewritten
   * from the good copy in the background.
   */
  async read(organizationId: string, chunk: ChunkRef, nodeIds: string[], keys: OrganizationKeys): Promise<Buffer[]> {
    const key = chunkKey(organizationId, chunk);
    // A copy on a node no longer configured (retired, replaced) cannot be asked for; the scrub copies it elsewhere.
    const configured = nodeIds.filter((nodeId) => this.byId.has(nodeId));
    const { value, badReplicas } = await readWithFailover(
      this.health,
      configured,
      async (nodeId, signal) => {
        let stored: Buffer[];
        try {
          stored = await this.node(nodeId).get(key, signal);
        } catch (error) {
          if (isNotFound(error)) throw new BadReplicaError(nodeId, "missing", { cause: error });
          throw error;
        }
        try {
          return { stored, plain: await decryptChunk(keys.dataKey, organizationId, chunk.id, stored) };
        } catch (error) {
          if (error instanceof ChunkIntegrityError) throw new BadReplicaError(nodeId, "corrupt", { cause: error });
          throw error;
        }
      },
      { timeoutMs: this.readTimeoutMs },
    );
    if (badReplicas.length > 0) void this.repair(organizationId, chunk, value.stored, badReplicas.map((b) => b.nodeId));
    else giveBackBuffers(value.stored); // decrypted: nothing holds them any more
    return value.plain;
  }

  /** Rewrites the given replicas from a verified copy and records them as good. */
  async repair(organizationId: string, chunk: ChunkRef, good: readonly Buffer[], nodeIds: string[]): Promise<string[]> {
    const repaired: string[] = [];
    for (const nodeId of nodeIds) {
      try {
        await this.node(nodeId).put(chunkKey(organizationId, chunk), good);
        repaired.push(nodeId);
      } catch (error) {
        this.health.recordFailure(nodeId, error);
      }
    }
    if (repaired.length > 0) {
      await withTenantScope(this.db, { organizationId }, (tx) =>
        tx.chunkReplica.updateMany({
          where: { organizationId, chunkId: chunk.id, nodeId: { in: repaired } },
          data: { state: "OK", checkedAt: new Date() },
        }),
      ).catch((error: unknown) => console.error(`Recording the repair of chunk ${chunk.id} failed:`, error));
    }
    return repaired;
  }

  async deleteEverywhere(organizationId: string, chunk: ChunkRef): Promise<void> {
    await Promise.allSettled(this.nodes.map((node) => node.delete(chunkKey(organizationId, chunk))));
  }
}
