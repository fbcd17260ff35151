import type { Readable } from "node:stream";
import { withTenantScope, type Database, type ScopedDb } from "@awan/db";
import type { StorageConfig } from "../config";
import { NodeHealth, type NodeStats } from "../routing/node-health";
import { placeOrganization } from "../routing/placement";
import { probeOnce, startProber } from "../routing/prober";
import { deleteBlob } from "./blob-deleter";
import { openBlob, type BlobLayout, type ByteRange, type OpenedBlob } from "./blob-reader";
import { appendToBlob } from "./blob-appender";
import { storePacked, writePacked, type StoredPack } from "./blob-packer";
import { writeBlob, type WriteContext, type WrittenBlob } from "./blob-writer";
import { ChunkStore } from "./chunk-store";
import { LocalDirectoryNode } from "./local-directory-node";
import { loadMasterKeys } from "./master-key";
import { OrganizationKeyring, type OrganizationKeys } from "./organization-keys";
import { scrub, type ScrubReport } from "./scrubber";
import { sweepAfterCrash, type SweepReport } from "./start-up-sweep";
import type { StorageNode } from "./storage-node";

export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

export type StorageOptions = {
  /** Copies of each chunk (at most the number of nodes). */
  replicas: number;
  /** Copies that must be durable before a write is acknowledged, or all of them. */
  writeQuorum: number | "all";
  chunkSize: number;
  readTimeoutMs: number;
  latencySloMs: number;
  probeIntervalMs: number;
};

const PROBE_KEY = "probe/health";

/**
 * The storage engine: encrypted, content-addressed, replicated blobs over
 * storage nodes, with reads routed to the best replica. The rest of the
 * backend stores and reads bytes only through this.
 */
export class StorageEngine {
  readonly health: NodeHealth;
  readonly store: ChunkStore;
  private stopProber: () => void = () => {};

  constructor(
    private readonly db: Database,
    nodes: StorageNode[],
    private readonly keyring: OrganizationKeyring,
    readonly options: StorageOptions,
  ) {
    this.health = new NodeHealth(
      nodes.map((n) => n.id),
      { latencyMs: options.latencySloMs, errorRate: 0.2, downAfter: 3 },
    );
    this.store = new ChunkStore(db, nodes, this.health, options.readTimeoutMs);
  }

  static fromConfig(db: Database, config: StorageConfig, overrides: Partial<StorageOptions> = {}): StorageEngine {
    const nodes = config.nodes.map((n) => new LocalDirectoryNode(n.id, n.location));
    return new StorageEngine(db, nodes, new OrganizationKeyring(loadMasterKeys(config)), {
      replicas: Math.min(2, nodes.length),
      writeQuorum: config.writeQuorum,
      chunkSize: DEFAULT_CHUNK_SIZE,
      readTimeoutMs: config.readTimeoutMs,
      latencySloMs: config.latencySloMs,
      probeIntervalMs: 5_000,
      ...overrides,
    });
  }

  /** Probes unhealthy nodes in the background until stop() (for a long-running server). */
  startMonitoring(): void {
    this.stopProber();
    this.stopProber = startProber(this.health, (nodeId) => this.probe(nodeId), this.options.probeIntervalMs);
  }

  stop(): void {
    this.stopProber();
  }

  /** A tiny durable write and read-back: what "the node works" means. */
  async probe(nodeId: string): Promise<void> {
    const node = this.store.node(nodeId);
    const marker = Buffer.from(String(Date.now()));
    await node.put(PROBE_KEY, marker);
    if (!Buffer.concat(await node.get(PROBE_KEY)).equals(marker)) throw new Error("probe read back different bytes");
  }

  async probeAll(): Promise<void> {
    await Promise.all(this.store.nodes.map((node) => probeOnce(this.health, (id) => this.probe(id), node.id)));
  }

  placementFor(organizationId: string): string[] {
    return placeOrganization(organizationId, this.store.nodes.map((n) => n.id), this.options.replicas);
  }

  /** The organization's keys, through `tx` (scoped to it) when not yet unwrapped: for sealing small records such as chat messages. */
  async organizationKeys(tx: ScopedDb, organizationId: string): Promise<OrganizationKeys> {
    return this.keyring.cached(organizationId) ?? this.keyring.keysFor(tx, organizationId);
  }

  private async keysFor(organizationId: string): Promise<OrganizationKeys> {
    return (
      this.keyring.cached(organizationId) ??
      withTenantScope(this.db, { organizationId }, (tx) => this.keyring.keysFor(tx, organizationId))
    );
  }

  /** Stores a stream; resolves once every chunk is durable on the write quorum and the blob is committed. */
  async write(organizationId: string, source: AsyncIterable<Uint8Array>): Promise<WrittenBlob> {
    return writeBlob(await this.writeContext(organizationId), source);
  }

  private async writeContext(organizationId: string): Promise<WriteContext> {
    const placement = this.placementFor(organizationId);
    const quorum = this.options.writeQuorum === "all" ? placement.length : Math.min(this.options.writeQuorum, placement.length);
    const keys = await this.keysFor(organizationId);
    return { db: this.db, store: this.store, organizationId, keys, placement, quorum, chunkSize: this.options.chunkSize };
  }

  /** Stores many small contents in shared packed chunks (see blob-packer); one blob each, in order. */
  async writeSmall(organizationId: string, contents: Buffer[]): Promise<WrittenBlob[]> {
    return writePacked(await this.writeContext(organizationId), contents);
  }

  /** writeSmall, with the blobs left for the caller to record in a transaction of its own (see StoredPack). */
  async storeSmall(organizationId: string, contents: Buffer[]): Promise<StoredPack> {
    return storePacked(await this.writeContext(organizationId), contents);
  }

  /** Appends to a pending blob (see blob-appender); resolves to the offset it reached. */
  async append(organizationId: string, blobId: string, at: { offset: number; length: number }, source: AsyncIterable<Uint8Array>): Promise<number> {
    return appendToBlob(await this.writeContext(organizationId), blobId, at, source);
  }

  async open(organizationId: string, blobId: string, range?: ByteRange, layout?: BlobLayout): Promise<OpenedBlob> {
    return openBlob({ db: this.db, store: this.store, organizationId, keys: await this.keysFor(organizationId) }, blobId, range, layout);
  }

  /** The whole blob as a buffer: for small contents only (tests, previews). */
  async readAll(organizationId: string, blobId: string): Promise<Buffer> {
    const { stream } = await this.open(organizationId, blobId);
    return collect(stream);
  }

  delete(organizationId: string, blobId: string): Promise<void> {
    return deleteBlob(this.db, this.store, organizationId, blobId);
  }

  sweepAfterCrash(): Promise<SweepReport> {
    return sweepAfterCrash(this.db, this.store);
  }

  scrub(): Promise<ScrubReport> {
    return scrub(this.db, this.store, this.keyring, (organizationId) => this.placementFor(organizationId));
  }

  async nodeStatus(): Promise<(NodeStats & { location: string; freeBytes: number | null; usedBytes: number | null })[]> {
    const stats = this.health.stats();
    return Promise.all(
      this.store.nodes.map(async (node) => ({ ...stats.find((s) => s.nodeId === node.id)!, location: node.location, ...(await node.space()) })),
    );
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
