// A storage engine over fresh node directories, for integration tests.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getDatabase } from "../../db";
import { LocalDirectoryNode } from "../local-directory-node";
import { masterKeyId } from "../master-key";
import { OrganizationKeyring } from "../organization-keys";
import { StorageEngine, type StorageOptions } from "../storage-engine";

export function newNodeDirs(count = 2): string[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "awan-nodes-"));
  return Array.from({ length: count }, (_, i) => path.join(root, String.fromCharCode(97 + i)));
}

export function newEngine(opts: Partial<StorageOptions> & { dirs?: string[]; masterKey?: Buffer } = {}) {
  const dirs = opts.dirs ?? newNodeDirs();
  const nodes = dirs.map((dir) => new LocalDirectoryNode(path.basename(dir), dir));
  const key = opts.masterKey ?? crypto.randomBytes(32);
  const engine = new StorageEngine(getDatabase(), nodes, new OrganizationKeyring([{ id: masterKeyId(key), key }]), {
    replicas: 2,
    writeQuorum: "all",
    chunkSize: 64 * 1024,
    readTimeoutMs: 2_000,
    latencySloMs: 250,
    probeIntervalMs: 60_000,
    ...opts,
  });
  return { engine, dirs, masterKey: key };
}

export async function* bytesOf(buffer: Buffer, pieceSize = 10_000): AsyncIterable<Uint8Array> {
  for (let i = 0; i < buffer.length; i += pieceSize) yield buffer.subarray(i, i + pieceSize);
}

export const sha256 = (data: Uint8Array) => crypto.createHash("sha256").update(data).digest("hex");
