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

export function encryptChunk(dataKey: Buffer, organizationId: string, id: string, plaintext: Uint8Array): Buffer {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", dataKey, iv);
  cipher.setAAD(additionalData(organizationId, id));
  const out = Buffer.allocUnsafe(CHUNK_OVERHEAD + plaintext.length);
  out[0] = VERSION;
  iv.copy(out, 1);
  const body = cipher.update(plaintext);
  body.copy(out, 1 + IV_BYTES);
  cipher.final();
  cipher.getAuthTag().copy(out, 1 + IV_BYTES + body.length);
  return out;
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
