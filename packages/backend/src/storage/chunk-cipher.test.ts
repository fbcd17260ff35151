import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { CHUNK_OVERHEAD, CIPHER_PIECE, ChunkIntegrityError, chunkId, decryptChunk, encryptChunk } from "./chunk-cipher";
import { deriveOrganizationKeys, type OrganizationKeys } from "./organization-keys";

const ORG = "6f1c1a52-1d7e-4a53-9f0e-3b2a4c5d6e7f";
const OTHER_ORG = "0b9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c";
const newKeys = () => deriveOrganizationKeys(crypto.randomBytes(32));

describe("chunk cipher", () => {
  const plaintext = crypto.randomBytes(5_000);
  let keys: OrganizationKeys;
  let id: string;
  beforeAll(async () => {
    keys = await newKeys();
    id = await chunkId(keys.idKey, plaintext);
  });

  it("round-trips, with a fresh IV each time so equal chunks never look equal on disk", async () => {
    const once = Buffer.concat(await encryptChunk(keys.dataKey, ORG, id, plaintext));
    const twice = Buffer.concat(await encryptChunk(keys.dataKey, ORG, id, plaintext));
    expect(once).toHaveLength(plaintext.length + CHUNK_OVERHEAD);
    expect(once.equals(twice)).toBe(false);
    expect(Buffer.concat(await decryptChunk(keys.dataKey, ORG, id, [once])).equals(plaintext)).toBe(true);
    expect(Buffer.concat(await decryptChunk(keys.dataKey, ORG, id, [twice])).equals(plaintext)).toBe(true);
  });

  it("works in pieces of at most CIPHER_PIECE, from stored parts cut anywhere (inside the header, the body, the tag)", async () => {
    const large = crypto.randomBytes(2 * CIPHER_PIECE + 12_345);
    const largeId = await chunkId(keys.idKey, large);
    const sealed = await encryptChunk(keys.dataKey, ORG, largeId, large);
    expect(sealed.every((piece) => piece.length <= CIPHER_PIECE)).toBe(true);
    const stored = Buffer.concat(sealed);
    const cuts = [5, 13, 700_000, CIPHER_PIECE, CIPHER_PIECE + 1, stored.length - 9];
    const parts = [0, ...cuts].map((from, i) => stored.subarray(from, cuts[i] ?? stored.length));
    const plain = await decryptChunk(keys.dataKey, ORG, largeId, parts);
    expect(plain.every((piece) => piece.length <= CIPHER_PIECE)).toBe(true);
    expect(Buffer.concat(plain).equals(large)).toBe(true);
    expect(await decryptChunk(keys.dataKey, ORG, largeId, [flip(stored, CIPHER_PIECE + 3)]).catch((e: unknown) => e)).toBeInstanceOf(ChunkIntegrityError);
  });

  it("rejects any changed byte, a truncated chunk, another key, and a chunk moved to another id or organization", async () => {
    const stored = Buffer.concat(await encryptChunk(keys.dataKey, ORG, id, plaintext));
    const other = await newKeys();
    const attempts: [string, () => Promise<Buffer[]>][] = [
      ["version", () => decryptChunk(keys.dataKey, ORG, id, [flip(stored, 0)])],
      ["iv", () => decryptChunk(keys.dataKey, ORG, id, [flip(stored, 5)])],
      ["body", () => decryptChunk(keys.dataKey, ORG, id, [flip(stored, 100)])],
      ["tag", () => decryptChunk(keys.dataKey, ORG, id, [flip(stored, stored.length - 1)])],
      ["truncated", () => decryptChunk(keys.dataKey, ORG, id, [stored.subarray(0, CHUNK_OVERHEAD - 1)])],
      ["other key", () => decryptChunk(other.dataKey, ORG, id, [stored])],
      ["other id", () => decryptChunk(keys.dataKey, ORG, "0".repeat(64), [stored])],
      ["other organization", () => decryptChunk(keys.dataKey, OTHER_ORG, id, [stored])],
    ];
    for (const [what, attempt] of attempts) {
      const error = await attempt().then(() => null, (e: unknown) => e);
      expect(error, what).toBeInstanceOf(ChunkIntegrityError);
      expect(error, what).toBeInstanceOf(DomainError);
      expect(error, what).toMatchObject({ code: "INTEGRITY" });
    }
  });

  it("names equal bytes alike under one id key only", async () => {
    const other = await newKeys();
    expect(await chunkId(keys.idKey, Buffer.from(plaintext))).toBe(id);
    expect(await chunkId(other.idKey, plaintext)).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}
