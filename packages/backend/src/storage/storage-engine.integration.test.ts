import crypto from "node:crypto";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { DEFAULT_CHUNK_SIZE } from "./storage-engine";
import { newOrganization } from "./testing/platform-database";
import { bytesOf, filesUnder, newStorage, readRange, sha256 } from "./testing/storage-fixture";

const CHUNK = 64 * 1024;

describe("storage engine: round trip", () => {
  it("reads back every size around the chunk boundaries intact", async () => {
    const { engine, organizationId, owner } = await newStorage({ chunkSize: CHUNK });
    for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK]) {
      const data = crypto.randomBytes(size);
      // Pieces that do not line up with chunks, as a network upload delivers them.
      const written = await engine.write(organizationId, bytesOf(data, 7_777));
      expect(written.size, `${size} bytes`).toBe(size);
      expect(sha256(await engine.readAll(organizationId, written.blobId)), `${size} bytes`).toBe(sha256(data));
      const chunks = await owner.blobChunk.count({ where: { blobId: written.blobId } });
      expect(chunks, `${size} bytes`).toBe(Math.ceil(size / CHUNK));
    }
  });

  it("reads back 50 MiB in default-size chunks intact", async () => {
    const { engine, organizationId } = await newStorage({ chunkSize: DEFAULT_CHUNK_SIZE });
    const data = crypto.randomBytes(50 * 1024 * 1024);
    const written = await engine.write(organizationId, bytesOf(data, 1024 * 1024));
    expect(written.size).toBe(data.length);
    expect(sha256(await engine.readAll(organizationId, written.blobId))).toBe(sha256(data));
  });

  it("gives the same digest for the same content, and a different one for different content", async () => {
    const { engine, organizationId } = await newStorage({ chunkSize: CHUNK });
    const data = crypto.randomBytes(2 * CHUNK + 5);
    const first = await engine.write(organizationId, bytesOf(data));
    const second = await engine.write(organizationId, bytesOf(data));
    const other = await engine.write(organizationId, bytesOf(Buffer.concat([data, Buffer.from("!")])));
    expect(second.digest).toBe(first.digest);
    expect(other.digest).not.toBe(first.digest);
    expect((await engine.open(organizationId, first.blobId)).digest).toBe(first.digest);
  });
});

describe("storage engine: byte ranges", () => {
  const size = 3 * CHUNK + 1_000;

  it("serves the start, the middle, a suffix, and ranges across chunk boundaries", async () => {
    const { engine, organizationId } = await newStorage({ chunkSize: CHUNK });
    const data = crypto.randomBytes(size);
    const { blobId } = await engine.write(organizationId, bytesOf(data));

    const ranges = [
      { start: 0, end: 99 },
      { start: 0, end: 0 },
      { start: 1_000, end: 2_000 },
      { start: size - 100, end: size - 1 },
      { start: size - 1, end: size - 1 },
      { start: CHUNK - 10, end: CHUNK + 9 },
      { start: CHUNK, end: CHUNK },
      { start: CHUNK - 1, end: 2 * CHUNK },
      { start: 10, end: size - 10 },
      { start: 0, end: size - 1 },
    ];
    for (const range of ranges) {
      const opened = await engine.open(organizationId, blobId, range);
      expect(opened.size).toBe(size);
      expect(opened.range).toEqual(range);
      const got = await readRange(engine, organizationId, blobId, range);
      expect(got.equals(data.subarray(range.start, range.end + 1)), `${range.start}-${range.end}`).toBe(true);
    }
  });

  it("refuses a range outside the content, or not a range at all, as INVALID_INPUT", async () => {
    const { engine, organizationId } = await newStorage({ chunkSize: CHUNK });
    const { blobId } = await engine.write(organizationId, bytesOf(crypto.randomBytes(size)));
    const empty = await engine.write(organizationId, bytesOf(Buffer.alloc(0)));

    const invalid = [
      { blobId, range: { start: -1, end: 10 } },
      { blobId, range: { start: 10, end: 9 } },
      { blobId, range: { start: 0, end: size } },
      { blobId, range: { start: size, end: size + 10 } },
      { blobId, range: { start: 1.5, end: 10 } },
      { blobId, range: { start: 0, end: Number.NaN } },
      { blobId: empty.blobId, range: { start: 0, end: 0 } },
    ];
    for (const { blobId: id, range } of invalid) {
      const error = await engine.open(organizationId, id, range).catch((e: unknown) => e);
      expect(error, `${range.start}-${range.end}`).toBeInstanceOf(DomainError);
      expect(error, `${range.start}-${range.end}`).toMatchObject({ code: "INVALID_INPUT" });
    }
  });
});

describe("storage engine: confidentiality and isolation", () => {
  it("never writes the content, or the master key, to a node in the clear", async () => {
    const { engine, organizationId, dirs, masterKey } = await newStorage({ chunkSize: CHUNK });
    const marker = "AWAN-MARKER-7f3a9c1e-visible-only-to-its-owner";
    // The marker in every chunk, and across each chunk boundary.
    const data = Buffer.from(`${marker} `.repeat(Math.ceil((3 * CHUNK) / (marker.length + 1))));
    const { blobId } = await engine.write(organizationId, bytesOf(data));
    expect((await engine.readAll(organizationId, blobId)).equals(data)).toBe(true);

    const files = dirs.flatMap(filesUnder);
    expect(files.length).toBeGreaterThanOrEqual(2 * 3);
    for (const file of files) {
      const raw = fs.readFileSync(file);
      expect(raw.includes(marker), file).toBe(false);
      expect(raw.includes(Buffer.from(marker, "utf16le")), file).toBe(false);
      expect(raw.includes(masterKey), file).toBe(false);
      expect(file.includes(marker)).toBe(false);
    }
  });

  it("does not open another organization's content, nor one that does not exist", async () => {
    const { engine, organizationId, db } = await newStorage({ chunkSize: CHUNK });
    const { blobId } = await engine.write(organizationId, bytesOf(crypto.randomBytes(1_000)));
    const stranger = await newOrganization(db, "stranger");

    for (const [org, id] of [
      [stranger, blobId],
      [organizationId, crypto.randomUUID()],
    ] as const) {
      const error = await engine.open(org, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "NOT_FOUND" });
      await expect(engine.delete(org, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await engine.readAll(organizationId, blobId)).length).toBe(1_000);
  });
});

describe("storage engine: a failed upload", () => {
  it("leaves nothing behind, and gives back its claim on chunks it shared", async () => {
    const { engine, organizationId, owner, dirs } = await newStorage({ chunkSize: CHUNK });
    const shared = crypto.randomBytes(CHUNK);
    const kept = await engine.write(organizationId, bytesOf(shared));
    const filesBefore = dirs.flatMap(filesUnder).sort();

    // The upload breaks off after a chunk it shares with `kept` and one of its own, both still being stored.
    async function* brokenUpload() {
      yield shared;
      yield crypto.randomBytes(CHUNK);
      throw new Error("connection reset by peer");
    }
    await expect(engine.write(organizationId, brokenUpload())).rejects.toThrow("connection reset by peer");
    // Anything still running would land within this time.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const chunks = await owner.chunk.findMany({ where: { organizationId }, select: { refCount: true } });
    expect(chunks).toEqual([{ refCount: 1 }]);
    expect(await owner.blob.count({ where: { organizationId } })).toBe(1);
    expect(dirs.flatMap(filesUnder).sort()).toEqual(filesBefore);
    expect((await engine.readAll(organizationId, kept.blobId)).equals(shared)).toBe(true);
  });
});
