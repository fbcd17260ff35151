// A storage engine over fresh node directories, for integration tests.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "@awan/db";
import { onTestFinished } from "vitest";
import type { ByteRange } from "../blob-reader";
import { chunkKey } from "../chunk-store";
import { LocalDirectoryNode } from "../local-directory-node";
import { masterKeyId } from "../master-key";
import { OrganizationKeyring } from "../organization-keys";
import { StorageEngine, type StorageOptions } from "../storage-engine";
import { newOrganization, newPlatformDatabase } from "./platform-database";

/** Empty node directories a, b, ... under one new temporary root. */
export function newNodeDirs(count = 2): string[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "awan-nodes-"));
  return Array.from({ length: count }, (_, i) => {
    const dir = path.join(root, String.fromCharCode(97 + i));
    fs.mkdirSync(dir);
    return dir;
  });
}

export type EngineOptions = Partial<StorageOptions> & {
  /** A platform database of the test's own (see platform-database.ts). */
  db: Database;
  /** Each node is named after its directory's last segment. */
  dirs?: string[];
  masterKey?: Buffer;
};

export function newEngine({ db, dirs = newNodeDirs(), masterKey = crypto.randomBytes(32), ...options }: EngineOptions) {
  const nodes = dirs.map((dir) => new LocalDirectoryNode(path.basename(dir), dir));
  const engine = new StorageEngine(db, nodes, new OrganizationKeyring([{ id: masterKeyId(masterKey), key: masterKey }]), {
    replicas: 2,
    writeQuorum: "all",
    chunkSize: 64 * 1024,
    readTimeoutMs: 2_000,
    latencySloMs: 250,
    probeIntervalMs: 60_000,
    ...options,
  });
  return { engine, dirs, masterKey };
}

/**
 * Everything a storage test needs, its own: a database (see
 * platform-database.ts), an organization in it, node directories and an
 * engine over them. Removed when the test finishes.
 */
export async function newStorage(options: Omit<EngineOptions, "db"> = {}) {
  const platform = await newPlatformDatabase();
  const organizationId = await newOrganization(platform.db);
  const { engine, dirs, masterKey } = newEngine({ ...options, db: platform.db });
  onTestFinished(() => {
    engine.stop();
    for (const root of new Set(dirs.map((dir) => path.dirname(dir)))) fs.rmSync(root, { recursive: true, force: true });
  });
  return { ...platform, organizationId, engine, dirs, masterKey };
}

export async function* bytesOf(buffer: Buffer, pieceSize = 10_000): AsyncIterable<Uint8Array> {
  for (let i = 0; i < buffer.length; i += pieceSize) yield buffer.subarray(i, i + pieceSize);
}

export const sha256 = (data: Uint8Array) => crypto.createHash("sha256").update(data).digest("hex");

export async function readRange(engine: StorageEngine, organizationId: string, blobId: string, range: ByteRange): Promise<Buffer> {
  const { stream } = await engine.open(organizationId, blobId, range);
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Every file under `dir`, recursively; none when it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Inverts one byte of a file in place (by default one in the middle). */
export function flipByte(file: string, at?: number): void {
  const bytes = fs.readFileSync(file);
  const index = at ?? Math.floor(bytes.length / 2);
  bytes[index] = bytes[index]! ^ 0xff;
  fs.writeFileSync(file, bytes);
}

/** Each chunk of the organization (in id order) with the path its replica has in each node directory. */
export async function chunkFiles(owner: Database, organizationId: string, dirs: string[]) {
  const chunks = await owner.chunk.findMany({
    where: { organizationId },
    select: { id: true, generation: true, refCount: true },
    orderBy: { id: "asc" },
  });
  return chunks.map((chunk) => ({
    ...chunk,
    files: Object.fromEntries(dirs.map((dir) => [path.basename(dir), path.join(dir, chunkKey(organizationId, chunk))])),
  }));
}
