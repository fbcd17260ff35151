import crypto from "node:crypto";
import { withTenantScope } from "@awan/db";
import { describe, expect, it } from "vitest";
import { cloneBlob, createPendingBlob, sealBlob } from "./blob-appender";
import { bytesOf, filesUnder, newStorage, sha256 } from "./testing/storage-fixture";

const CHUNK = 64 * 1024;

/** Yields `data` in pieces, then fails as a dropped connection does. */
async function* brokenOffAfter(data: Buffer, pieceSize: number): AsyncIterable<Uint8Array> {
  yield* bytesOf(data, pieceSize);
  throw new Error("connection reset");
}

describe("storage engine: resumable appends", () => {
  it("keeps what an interrupted request delivered and completes from the offset it reports", async () => {
    const { engine, organizationId, db, owner } = await newStorage({ chunkSize: CHUNK });
    const data = crypto.randomBytes(5 * CHUNK + 123);
    const blobId = await withTenantScope(db, { organizationId }, (tx) => createPendingBlob(tx, organizationId));
    const length = data.length;

    // 2.5 chunks arrive, then the connection drops: all of it is kept.
    await expect(engine.append(organizationId, blobId, { offset: 0, length }, brokenOffAfter(data.subarray(0, 2.5 * CHUNK), 10_000))).rejects.toThrow(
      "connection reset",
    );
    const kept = await owner.blob.findUniqueOrThrow({ where: { id: blobId }, select: { size: true } });
    expect(Number(kept.size)).toBe(2.5 * CHUNK);
    await expect(engine.open(organizationId, blobId)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // A request that ends mid-chunk keeps what it sent; the chunks after it line up with the chunk size again.
    const offset = await engine.append(organizationId, blobId, { offset: 2.5 * CHUNK, length }, bytesOf(data.subarray(2.5 * CHUNK, 3 * CHUNK + 500)));
    expect(offset).toBe(3 * CHUNK + 500);
    const end = await engine.append(organizationId, blobId, { offset, length }, bytesOf(data.subarray(offset)));
    expect(end).toBe(length);

    await withTenantScope(db, { organizationId }, (tx) => sealBlob(tx, organizationId, blobId, length));
    expect(sha256(await engine.readAll(organizationId, blobId))).toBe(sha256(data));
    const sizes = await owner.blobChunk.findMany({ where: { blobId }, orderBy: { index: "asc" }, select: { chunk: { select: { size: true } } } });
    expect(sizes.map((s) => s.chunk.size)).toEqual([CHUNK, CHUNK, CHUNK / 2, CHUNK / 2, 500, CHUNK - 500, CHUNK, 123]);
  });

  it("refuses a wrong offset and bytes past the declared length, keeping what it had", async () => {
    const { engine, organizationId, db, owner } = await newStorage({ chunkSize: CHUNK });
    const blobId = await withTenantScope(db, { organizationId }, (tx) => createPendingBlob(tx, organizationId));
    const data = crypto.randomBytes(2 * CHUNK);
    await engine.append(organizationId, blobId, { offset: 0, length: 2 * CHUNK }, bytesOf(data.subarray(0, CHUNK)));

    await expect(engine.append(organizationId, blobId, { offset: 0, length: 2 * CHUNK }, bytesOf(data))).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      engine.append(organizationId, blobId, { offset: CHUNK, length: 2 * CHUNK }, bytesOf(Buffer.concat([data.subarray(CHUNK), Buffer.from("x")]))),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(withTenantScope(db, { organizationId }, (tx) => sealBlob(tx, organizationId, blobId, 2 * CHUNK))).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const row = await owner.blob.findUniqueOrThrow({ where: { id: blobId }, select: { size: true, complete: true } });
    expect({ size: Number(row.size), complete: row.complete }).toEqual({ size: CHUNK, complete: false });
  });

  it("stores repeated content once, with a reference per repetition", async () => {
    const { engine, organizationId, db, owner } = await newStorage({ chunkSize: CHUNK });
    const block = crypto.randomBytes(CHUNK);
    const data = Buffer.concat([block, block, block, crypto.randomBytes(10)]);
    const blobId = await withTenantScope(db, { organizationId }, (tx) => createPendingBlob(tx, organizationId));
    expect(await engine.append(organizationId, blobId, { offset: 0, length: data.length }, bytesOf(data, 50_000))).toBe(data.length);
    await withTenantScope(db, { organizationId }, (tx) => sealBlob(tx, organizationId, blobId, data.length));
    expect(sha256(await engine.readAll(organizationId, blobId))).toBe(sha256(data));
    const chunks = await owner.chunk.findMany({ where: { organizationId }, select: { refCount: true }, orderBy: { refCount: "asc" } });
    expect(chunks.map((c) => c.refCount)).toEqual([1, 3]);
  });
});

describe("storage engine: clones", () => {
  it("shares chunks with the original, outlives it, and frees them when both are gone", async () => {
    const { engine, organizationId, db, owner, dirs } = await newStorage({ chunkSize: CHUNK });
    const data = crypto.randomBytes(3 * CHUNK + 7);
    const original = await engine.write(organizationId, bytesOf(data));
    const filesBefore = filesUnder(dirs[0]!).length;
    const cloneId = await withTenantScope(db, { organizationId }, (tx) => cloneBlob(tx, organizationId, original.blobId));
    expect(filesUnder(dirs[0]!).length).toBe(filesBefore);

    await engine.delete(organizationId, original.blobId);
    expect(sha256(await engine.readAll(organizationId, cloneId))).toBe(sha256(data));
    await engine.delete(organizationId, cloneId);
    expect(await owner.chunk.count({ where: { organizationId } })).toBe(0);
    expect(filesUnder(dirs[0]!).filter((f) => f.includes(organizationId))).toEqual([]);
  });
});
