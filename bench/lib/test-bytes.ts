// What the file benchmarks upload: deterministic bytes that no two pieces share,
// so a server that dedupes or compresses stores every byte it is sent.
import crypto from "node:crypto";

export const MiB = 2 ** 20;
export const SMALL_FILE = 4 * 1024;

/** 1 MiB of AES-CTR output, reused; each piece cut from it is stamped so no two chunks are equal (the engine dedupes). */
const noise = (() => {
  const cipher = crypto.createCipheriv("aes-256-ctr", Buffer.alloc(32, 7), Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.alloc(MiB)), cipher.final()]);
})();

const stamped = (length: number, seed: number, index: number) => {
  const piece = Buffer.from(noise.subarray(0, length));
  piece.writeUInt32BE(seed, 0);
  piece.writeUInt32BE(index, 4);
  return piece;
};

/** A large file's body in 1 MiB pieces, generated as it is sent. */
export function* largeBody(total: number, seed: number): Generator<Buffer> {
  for (let offset = 0, part = 0; offset < total; offset += MiB, part++) yield stamped(Math.min(MiB, total - offset), seed, part);
}

/** The `i`th small file (4 KiB) of round `seed`. */
export const smallFile = (seed: number, i: number) => stamped(SMALL_FILE, seed, i);
