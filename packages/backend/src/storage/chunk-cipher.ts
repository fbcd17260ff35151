import crypto from "node:crypto";
import { DomainError } from "../errors";

// Stored chunk: version (1) | IV (12) | ciphertext | GCM tag (16). The
// additional data binds it to its organization and id, so a chunk file
// copied or renamed to another place fails authentication.
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const CHUNK_OVERHEAD = 1 + IV_BYTES + TAG_BYTES;

function additionalData(organizationId: string, chunkId: string): Buffer {
  return Buffer.from(`${organizationId}/${chunkId}`);
}

// WebCrypto runs these on libuv's thread pool: hashing and encryption of
// several chunks proceed in parallel, off the thread that serves requests
// (and AES-GCM there is faster than createCipheriv's per-call buffers).

/** The chunk's id: a keyed hash (HMAC-SHA-256) of its plaintext, hex. */
export async function chunkId(idKey: CryptoKey, plaintext: Uint8Array): Promise<string> {
  return Buffer.from(await crypto.subtle.sign("HMAC", idKey, plaintext)).toString("hex");
}

/**
 * The stored form of a chunk, as the pieces to write one after the other
 * (header, then ciphertext with its tag): one writev, no copy to join them.
 */
export async function encryptChunk(dataKey: CryptoKey, organizationId: string, id: string, plaintext: Uint8Array): Promise<Buffer[]> {
  const header = Buffer.allocUnsafe(1 + IV_BYTES);
  header[0] = VERSION;
  crypto.randomFillSync(header, 1, IV_BYTES);
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv: header.subarray(1), additionalData: additionalData(organizationId, id), tagLength: TAG_BYTES * 8 },
    dataKey,
    plaintext,
  );
  return [header, Buffer.from(sealed)];
}

/** An integrity error, never data, when the stored bytes were changed. */
export class ChunkIntegrityError extends DomainError {
  constructor(readonly chunkId: string, cause?: unknown) {
    super("INTEGRITY", `Stored data failed its integrity check (chunk ${chunkId.slice(0, 12)}…).`, { cause });
  }
}

export async function decryptChunk(dataKey: CryptoKey, organizationId: string, id: string, stored: Buffer): Promise<Buffer> {
  if (stored.length < CHUNK_OVERHEAD || stored[0] !== VERSION) throw new ChunkIntegrityError(id);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: stored.subarray(1, 1 + IV_BYTES), additionalData: additionalData(organizationId, id), tagLength: TAG_BYTES * 8 },
      dataKey,
      stored.subarray(1 + IV_BYTES),
    );
    return Buffer.from(plain);
  } catch (cause) {
    throw new ChunkIntegrityError(id, cause);
  }
}
