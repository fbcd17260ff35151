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

/** The chunk's id: a keyed hash of its plaintext, hex. */
export function chunkId(idKey: Buffer, plaintext: Uint8Array): string {
  return crypto.createHmac("sha256", idKey).update(plaintext).digest("hex");
}

/**
 * The stored form of a chunk, as the pieces to write one after the other
 * (header, ciphertext, tag): written with one writev, no 4 MiB copy to join them.
 */
export function encryptChunk(dataKey: Buffer, organizationId: string, id: string, plaintext: Uint8Array): Buffer[] {
  const header = Buffer.allocUnsafe(1 + IV_BYTES);
  header[0] = VERSION;
  crypto.randomFillSync(header, 1, IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", dataKey, header.subarray(1));
  cipher.setAAD(additionalData(organizationId, id));
  const body = cipher.update(plaintext);
  const tail = cipher.final();
  return [header, body, tail, cipher.getAuthTag()].filter((part) => part.length > 0);
}

/** An integrity error, never data, when the stored bytes were changed. */
export class ChunkIntegrityError extends DomainError {
  constructor(readonly chunkId: string, cause?: unknown) {
    super("INTEGRITY", `Stored data failed its integrity check (chunk ${chunkId.slice(0, 12)}…).`, { cause });
  }
}

export function decryptChunk(dataKey: Buffer, organizationId: string, id: string, stored: Buffer): Buffer {
  if (stored.length < CHUNK_OVERHEAD || stored[0] !== VERSION) throw new ChunkIntegrityError(id);
  const iv = stored.subarray(1, 1 + IV_BYTES);
  const tag = stored.subarray(stored.length - TAG_BYTES);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", dataKey, iv);
    decipher.setAAD(additionalData(organizationId, id));
    decipher.setAuthTag(tag);
    const plain = decipher.update(stored.subarray(1 + IV_BYTES, stored.length - TAG_BYTES));
    decipher.final();
    return plain;
  } catch (cause) {
    throw new ChunkIntegrityError(id, cause);
  }
}
