// Blind-index tokens: HMAC-SHA256 of each term under one key, cut to 16
// bytes. A 10 KiB message gives ~1,600 terms, and node:crypto costs ~3.7 µs
// per HMAC however short the input (a native context per call), so here the
// key's two padded blocks are hashed once and each term costs the two or
// three SHA-256 compressions left, written straight into one buffer. The
// output is exactly crypto.createHmac's (blind-tokens.test.ts).

export const TOKEN_BYTES = 16;

const ROUND_CONSTANTS = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL_STATE = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const BLOCK = 64;

const schedule = new Int32Array(64);

/** One SHA-256 compression of the 64 bytes of `block` at `at` into `state` (FIPS 180-4, 6.2.2). */
function compress(state: Int32Array, block: DataView, at: number): void {
  const w = schedule;
  for (let i = 0; i < 16; i++) w[i] = block.getInt32(at + i * 4);
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + ROUND_CONSTANTS[i]! + w[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** The state after hashing the key XOR `pad`, which every HMAC under this key starts from. */
function paddedKeyState(key: Uint8Array, pad: number): Int32Array {
  const block = new Uint8Array(BLOCK).fill(pad);
  for (let i = 0; i < key.length; i++) block[i]! ^= key[i]!;
  const state = INITIAL_STATE.slice();
  compress(state, new DataView(block.buffer), 0);
  return state;
}

const encoder = new TextEncoder();

/** Makes the tokens of terms under one key (32 bytes or less: a longer HMAC key would be hashed first). */
export class BlindTokens {
  private readonly inner: Int32Array;
  private readonly outer: Int32Array;
  private readonly state = new Int32Array(8);
  private message = new Uint8Array(4 * BLOCK);
  private view = new DataView(this.message.buffer);

  constructor(key: Uint8Array) {
    if (key.length > BLOCK) throw new Error("A blind-token key is at most 64 bytes.");
    this.inner = paddedKeyState(key, 0x36);
    this.outer = paddedKeyState(key, 0x5c);
  }

  /** The tokens of `terms`, one after the other (TOKEN_BYTES each). */
  tokens(terms: Iterable<string>): Buffer {
    const list = [...terms];
    const out = Buffer.allocUnsafe(list.length * TOKEN_BYTES);
    const view = new DataView(out.buffer, out.byteOffset, out.length);
    list.forEach((term, i) => this.write(term, view, i * TOKEN_BYTES));
    return out;
  }

  /** HMAC(key, term) cut to TOKEN_BYTES, written into `out` at `at`. */
  private write(term: string, out: DataView, at: number): void {
    // The term's UTF-8 after the ipad block, then SHA-256 padding: 0x80, zeros, the bit length.
    const most = term.length * 3 + 9;
    if (most > this.message.length) {
      this.message = new Uint8Array(Math.ceil(most / BLOCK) * BLOCK);
      this.view = new DataView(this.message.buffer);
    }
    const { written } = encoder.encodeInto(term, this.message);
    const blocks = Math.ceil((written + 9) / BLOCK);
    this.message.fill(0, written, blocks * BLOCK);
    this.message[written] = 0x80;
    this.view.setUint32(blocks * BLOCK - 4, (BLOCK + written) * 8);
    const state = this.state;
    state.set(this.inner);
    for (let b = 0; b < blocks; b++) compress(state, this.view, b * BLOCK);

    // The outer hash: opad block, then the 32-byte inner digest padded to one block.
    for (let i = 0; i < 8; i++) this.view.setInt32(i * 4, state[i]!);
    this.message.fill(0, 32, BLOCK);
    this.message[32] = 0x80;
    this.view.setUint32(BLOCK - 4, (BLOCK + 32) * 8);
    state.set(this.outer);
    compress(state, this.view, 0);
    for (let i = 0; i < TOKEN_BYTES / 4; i++) out.setInt32(at + i * 4, state[i]!);
  }
}
