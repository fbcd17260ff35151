/**
 * Cuts a byte stream into fixed-size chunks (the last one shorter).
 *
 * Fixed rather than content-defined: chunk boundaries are plain arithmetic,
 * so a byte range maps straight to the chunks that hold it, and no rolling
 * hash runs over every byte, which in JavaScript would cap write speed well
 * below the disk's. What content-defined chunking would add, dedupe across
 * insertions in the middle of a file, matters little for the compressed
 * formats (office documents, media, archives) most files are stored in.
 */
export async function* fixedSizeChunks(source: AsyncIterable<Uint8Array>, chunkSize: number): AsyncGenerator<Buffer> {
  let buffer = Buffer.allocUnsafe(chunkSize);
  let filled = 0;
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.length) {
      const take = Math.min(chunkSize - filled, piece.length - offset);
      buffer.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === chunkSize) {
        yield buffer;
        buffer = Buffer.allocUnsafe(chunkSize);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield buffer.subarray(0, filled);
}
