import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { CHUNK_OVERHEAD, ChunkIntegrityError, chunkId, decryptChunk, encryptChunk } from "./chunk-cipher";

const ORG = "6f1c1a52-1d7e-4a53-9f0e-3b2a4c5d6e7f";
const OTHER_ORG = "0b9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c";

describe("chunk cipher", () => {
  const dataKey = crypto.randomBytes(32);
  const plaintext = crypto.randomBytes(5_000);
  const id = chunkId(crypto.randomBytes(32), plaintext);

  it("round-trips, with a fresh IV each time so equal chunks never look equal on disk", () => {
    const once = Buffer.concat(encryptChunk(dataKey, ORG, id, plaintext));
    const twice = Buffer.concat(encryptChunk(dataKey, ORG, id, plaintext));
    expect(once).toHaveLength(plaintext.length + CHUNK_OVERHEAD);
    expect(once.equals(twice)).toBe(false);
    expect(decryptChunk(dataKey, ORG, id, once).equals(plaintext)).toBe(true);
    expect(decryptChunk(dataKey, ORG, id, twice).equals(plaintext)).toBe(true);
  });

  it("rejects any changed byte, a truncated chunk, another key, and a chunk moved to another id or organization", () => {
    const stored = Buffer.concat(encryptChunk(dataKey, ORG, id, plaintext));
    const attempts: [string, () => Buffer][] = [
      ["version", () => decryptChunk(dataKey, ORG, id, flip(stored, 0))],
      ["iv", () => decryptChunk(dataKey, ORG, id, flip(stored, 5))],
      ["body", () => decryptChunk(dataKey, ORG, id, flip(stored, 100))],
      ["tag", () => decryptChunk(dataKey, ORG, id, flip(stored, stored.length - 1))],
      ["truncated", () => decryptChunk(dataKey, ORG, id, stored.subarray(0, CHUNK_OVERHEAD - 1))],
      ["other key", () => decryptChunk(crypto.randomBytes(32), ORG, id, stored)],
      ["other id", () => decryptChunk(dataKey, ORG, "0".repeat(64), stored)],
      ["other organization", () => decryptChunk(dataKey, OTHER_ORG, id, stored)],
    ];
    for (const [what, attempt] of attempts) {
      const error = thrownBy(attempt);
      expect(error, what).toBeInstanceOf(ChunkIntegrityError);
      expect(error, what).toBeInstanceOf(DomainError);
      expect(error, what).toMatchObject({ code: "INTEGRITY" });
    }
  });

  it("names equal bytes alike under one id key only", () => {
    const idKey = crypto.randomBytes(32);
    expect(chunkId(idKey, Buffer.from(plaintext))).toBe(chunkId(idKey, plaintext));
    expect(chunkId(crypto.randomBytes(32), plaintext)).not.toBe(chunkId(idKey, plaintext));
    expect(chunkId(idKey, plaintext)).toMatch(/^[0-9a-f]{64}$/);
  });
});

function thrownBy(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  return null;
}

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}
