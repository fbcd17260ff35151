import crypto from "node:crypto";
import { DomainError } from "./errors";

// Small records stored encrypted in PostgreSQL (chat messages, mail summaries,
// DKIM keys): version (1) | IV (12) | ciphertext | GCM tag (16), under the
// organization's data key. The context (additional data) names what the
// record is and whose, so sealed bytes copied onto another row fail to open.
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BITS = 128;

export async function sealText(dataKey: CryptoKey, context: string, text: string): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.randomBytes(IV_BYTES);
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: Buffer.from(context), tagLength: TAG_BITS },
    dataKey,
    Buffer.from(text, "utf8"),
  );
  const out = new Uint8Array(1 + IV_BYTES + sealed.byteLength);
  out[0] = VERSION;
  out.set(iv, 1);
  out.set(new Uint8Array(sealed), 1 + IV_BYTES);
  return out;
}

/** The text, or an integrity error (never garbage) when the stored bytes were changed or moved. */
export async function openText(dataKey: CryptoKey, context: string, sealed: Uint8Array, what = "A stored record"): Promise<string> {
  const bytes = Buffer.from(sealed);
  const fail = (cause?: unknown) => new DomainError("INTEGRITY", `${what} failed its integrity check.`, { cause });
  if (bytes.length < 1 + IV_BYTES + TAG_BITS / 8 || bytes[0] !== VERSION) throw fail();
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.subarray(1, 1 + IV_BYTES), additionalData: Buffer.from(context), tagLength: TAG_BITS },
      dataKey,
      bytes.subarray(1 + IV_BYTES),
    );
    return Buffer.from(plain).toString("utf8");
  } catch (cause) {
    throw fail(cause);
  }
}
