/**
 * Large buffers kept for use again, by size. A fresh buffer of a megabyte or
 * more costs page faults and zeroing, and its share of garbage collection (V8
 * runs a full collection for about every 64 MiB of new buffers): reading a
 * 1 GiB file through fresh buffers spent more on that than on its cipher,
 * and reused ones made it ~1.8x as fast.
 */

// Per size, at most this much is kept; past it, a buffer given back is left to the garbage collector.
const KEPT_BYTES = 64 * 2 ** 20;

type Pool = { free: Buffer[]; kept: number };

const pools = new Map<number, Pool>();
const ours = new WeakSet<ArrayBufferLike>();
const isFree = new WeakSet<ArrayBufferLike>();

/** A buffer of `size` bytes, with whatever it held before. */
export function takeBuffer(size: number): Buffer {
  const buffer = pools.get(size)?.free.pop();
  if (buffer) {
    isFree.delete(buffer.buffer);
    return buffer;
  }
  const fresh = Buffer.allocUnsafeSlow(size);
  ours.add(fresh.buffer);
  return fresh;
}

/**
 * Gives back the buffers behind `parts`, which may be views of them; any
 * buffer takeBuffer did not make is ignored. The caller must hold no view of
 * them any more: the next taker overwrites them.
 */
export function giveBackBuffers(parts: readonly Uint8Array[]): void {
  for (const { buffer: memory } of parts) {
    if (!ours.has(memory) || isFree.has(memory)) continue;
    let pool = pools.get(memory.byteLength);
    if (!pool) pools.set(memory.byteLength, (pool = { free: [], kept: Math.max(1, Math.floor(KEPT_BYTES / memory.byteLength)) }));
    if (pool.free.length >= pool.kept) continue;
    isFree.add(memory);
    pool.free.push(Buffer.from(memory));
  }
}
