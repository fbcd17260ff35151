/**
 * A place chunks are kept. Keys are relative paths made by the engine
 * (`chunks/<organization>/<xx>/<chunk id>`). `put` resolves only once the
 * bytes are durable. A local directory is the built-in driver; an
 * S3-compatible bucket fits the same interface.
 */
export interface StorageNode {
  readonly id: string;
  readonly location: string;
  /** Writes the parts one after the other, as one object. */
  put(key: string, data: Uint8Array | readonly Uint8Array[]): Promise<void>;
  /** The object's bytes in parts, one after the other; rejects with code ENOENT when the key is not there. */
  get(key: string, signal?: AbortSignal): Promise<Buffer[]>;
  delete(key: string): Promise<void>;
  /** Every key under `prefix`, in no particular order. */
  list(prefix: string): AsyncIterable<string>;
  /** Bytes free and used where the node keeps its data; null when unknown. */
  space(): Promise<{ freeBytes: number | null; usedBytes: number | null }>;
  /** Removes what interrupted writes left behind; returns how many. */
  sweepIncompleteWrites(): Promise<number>;
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}
