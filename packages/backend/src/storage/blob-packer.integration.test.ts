import crypto from "node:crypto";
import { withTenantScope } from "@awan/db";
import { describe, expect, it } from "vitest";
import { cloneBlob } from "./blob-appender";
import { newStorage, readRange, sha256 } from "./testing/storage-fixture";

const CHUNK = 64 * 1024;

describe("storage engine: small contents packed together", () => {
  it("stores many small contents in few chunks, reads each back whole and in ranges, and frees a pack with its last file", async () => {
    const { engine, organizationId, owner, db } = await newStorage({ chunkSize: CHUNK });
    const contents = Array.from({ length: 40 }, (_, i) => crypto.randomBytes(i === 7 ? 0 : 1000 + i * 97));
    const written = await engine.writeSmall(organizationId, contents);

    const total = contents.reduce((sum, c) => sum + c.length, 0);
    expect(await owner.chunk.count({ where: { organizationId } })).toBe(Math.ceil(total / CHUNK));
    for (const [i, blob] of written.entries()) {
      expect(blob.size).toBe(contents[i]!.length);
      expect(sha256(await engine.readAll(organizationId, blob.blobId)), `content ${i}`).toBe(sha256(contents[i]!));
    }
    const sample = contents[12]!;
    expect((await readRange(engine, organizationId, written[12]!.blobId, { start: 100, end: 199 })).equals(sample.subarray(100, 200))).toBe(true);
    expect(new Set(written.map((w) => w.digest)).size).toBe(written.length);

    const copy = await withTenantScope(db, { organizationId }, (tx) => cloneBlob(tx, organizationId, written[3]!.blobId));
    for (const blob of written) await engine.delete(organizationId, blob.blobId);
    expect(sha256(await engine.readAll(organizationId, copy))).toBe(sha256(contents[3]!));
    expect(await owner.chunk.count({ where: { organizationId } })).toBe(1);
    await engine.delete(organizationId, copy);
    expect(await owner.chunk.count({ where: { organizationId } })).toBe(0);
  });
});
