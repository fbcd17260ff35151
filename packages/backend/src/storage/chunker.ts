import { takeBuffer } from "./buffer-pool";

/**
 * Cuts a byte stream into fixed-size chunks (the last one shorter).
 *
 * Fixed rather than content-defined: chunk boundaries are plain arithmetic,
 * so a byte range maps straight to the chunks that hold it, and no rolling
 * hash runs over every byte, which in JavaScript would cap write speed well
 * below the disk's. What content-defined chunking would add, dedupe across
 * insertions in the middle of a file, matters little for the compressed
 * formats (office documents, media, archives) most files are stored in.
 *
 * Whole chunks are buffers from the pool (buffer-pool.ts): whoever is done
 * with one may give it back (writeChunk does).
 */
export async function* fixedSizeChunks(
  source: AsyncIterable<Uint8Array>,
  chunkSize: number,
  options: {
    /** Where in the content the stream starts: chunks still end at multiples of chunkSize from the content's start. */
    from?: number;
    /** If the stream fails, yield what had arrived of the chunk in progress before passing the error on. */
    tailOnError?: boolean;
  } = {},
): AsyncGenerator<Buffer> {
  let size = chunkSize - ((options.from ?? 0) % chunkSize);
  let buffer = takeBuffer(size);
  let filled = 0;
  try {
    for await (const piece of source) {
      let offset = 0;
      while (offset < piece.length) {
        const take = Math.min(size - filled, piece.length - offset);
        buffer.set(piece.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === size) {
          yield buffer;
          size = chunkSize;
          buffer = takeBuffer(size);
          filled = 0;
        }
      }
    }
  } catch (error) {
    if (options.tailOnError && filled > 0) yield buffer.subarray(0, filled);
    throw error;
  }
  if (filled > 0) yield buffer.subarray(0, filled);
}
