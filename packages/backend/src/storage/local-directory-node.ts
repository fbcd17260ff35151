import crypto from "node:crypto";
import { mkdirSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { takeBuffer } from "./buffer-pool";
import { isNotFound, type StorageNode } from "./storage-node";

const TMP = ".tmp";

/**
 * A storage node in a local directory. A write goes to a temporary file that
 * is fsynced, renamed into place, and followed by an fsync of the directory,
 * so that once `put` resolves the chunk survives a crash or power loss.
 *
 * The directory is created when the node is opened (at start-up). One that
 * disappears afterwards is a lost disk, not an empty node: the node is
 * unavailable until the directory is back, and is never silently recreated.
 */
export class LocalDirectoryNode implements StorageNode {
  constructor(
    readonly id: string,
    readonly location: string,
  ) {
    try {
      mkdirSync(location, { recursive: true });
    } catch {
      // Not creatable now: every operation reports the node unavailable until it is.
    }
  }

  private async assertPresent(cause?: unknown): Promise<void> {
    const stats = await fs.stat(this.location).catch(() => null);
    if (!stats?.isDirectory()) throw new Error(`The directory of storage node ${this.id} (${this.location}) is missing.`, { cause });
  }

  private resolve(key: string): string {
    const full = path.resolve(this.location, key);
    if (!full.startsWith(`${path.resolve(this.location)}${path.sep}`)) throw new Error(`Key outside the node: ${key}`);
    return full;
  }

  async put(key: string, data: Uint8Array | readonly Uint8Array[]): Promise<void> {
    const target = this.resolve(key);
    const dir = path.dirname(target);
    const tmpDir = path.join(this.location, TMP);
    await this.assertPresent();
    await fs.mkdir(tmpDir, { recursive: true });
    const created = await fs.mkdir(dir, { recursive: true });
    const tmp = path.join(tmpDir, `${crypto.randomUUID()}`);
    const handle = await fs.open(tmp, "w", 0o600);
    try {
      await writeAll(handle, Array.isArray(data) ? data : [data as Uint8Array]);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
    await syncDirectory(dir);
    // New directories must themselves be recorded in their parents.
    if (created) {
      for (let d = dir; d.length >= created.length; d = path.dirname(d)) await syncDirectory(path.dirname(d));
    }
  }

  async get(key: string, signal?: AbortSignal): Promise<Buffer[]> {
    try {
      return await readWhole(this.resolve(key), signal);
    } catch (error) {
      // A key missing from a missing directory is a node fault, not a missing replica.
      if (isNotFound(error)) await this.assertPresent(error);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.resolve(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<string> {
    const root = this.resolve(prefix);
    let entries;
    try {
      entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.isFile()) yield path.relative(this.location, path.join(entry.parentPath, entry.name));
    }
  }

  async space() {
    try {
      const stats = await fs.statfs(this.location);
      const freeBytes = stats.bavail * stats.bsize;
      return { freeBytes, usedBytes: (stats.blocks - stats.bfree) * stats.bsize };
    } catch {
      return { freeBytes: null, usedBytes: null };
    }
  }

  async sweepIncompleteWrites(): Promise<number> {
    const tmpDir = path.join(this.location, TMP);
    const names = await fs.readdir(tmpDir).catch(() => [] as string[]);
    await Promise.all(names.map((name) => fs.rm(path.join(tmpDir, name), { force: true })));
    return names.length;
  }
}

const READ_PART = 2 ** 20;

/**
 * The file in parts of READ_PART, each one read call (readFile's 512 KiB
 * trips through the thread pool made chunk reads latency-bound); parts of a
 * large file are read into reused buffers (buffer-pool.ts), which the caller
 * may give back.
 */
async function readWhole(file: string, signal?: AbortSignal): Promise<Buffer[]> {
  const handle = await fs.open(file, "r");
  try {
    const { size } = await handle.stat();
    const parts: Buffer[] = [];
    for (let at = 0; at < size; ) {
      signal?.throwIfAborted();
      const left = size - at;
      const part = left >= READ_PART / 4 ? takeBuffer(READ_PART) : Buffer.allocUnsafe(left);
      const { bytesRead } = await handle.read(part, 0, Math.min(part.length, left), at);
      if (bytesRead === 0) break;
      parts.push(part.subarray(0, bytesRead));
      at += bytesRead;
    }
    return parts;
  } finally {
    await handle.close();
  }
}

async function writeAll(handle: fs.FileHandle, parts: readonly Uint8Array[]): Promise<void> {
  let pending = parts.filter((p) => p.length > 0);
  while (pending.length > 0) {
    let { bytesWritten } = await handle.writev(pending);
    // A short write leaves the rest for another round.
    const rest: Uint8Array[] = [];
    for (const part of pending) {
      if (bytesWritten >= part.length) bytesWritten -= part.length;
      else {
        rest.push(part.subarray(bytesWritten));
        bytesWritten = 0;
      }
    }
    pending = rest;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
