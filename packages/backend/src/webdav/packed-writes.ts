import { getStorageEngine } from "../storage";

// Small files from concurrent PUTs are stored together: while one packed
// write of an organization is on its way to the storage nodes, the contents
// that arrive meanwhile gather and go in the next one. A lone PUT waits for
// nobody; a burst of them shares the durable writes (see blob-packer).

const MAX_PER_WRITE = 200;
type Waiting = { content: Buffer; resolve: (blobId: string) => void; reject: (error: unknown) => void };
const queues = new Map<string, Waiting[]>();

/** Stores `content` as a blob of its own (a slice of a shared chunk); resolves to the blob's id once it is durable. */
export function writeSmallContent(organizationId: string, content: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const queue = queues.get(organizationId);
    if (queue) return void queue.push({ content, resolve, reject });
    queues.set(organizationId, [{ content, resolve, reject }]);
    void drain(organizationId);
  });
}

async function drain(organizationId: string): Promise<void> {
  const queue = queues.get(organizationId)!;
  while (queue.length > 0) {
    const batch = queue.splice(0, MAX_PER_WRITE);
    try {
      const blobs = await getStorageEngine().writeSmall(organizationId, batch.map((w) => w.content));
      batch.forEach((w, i) => w.resolve(blobs[i]!.blobId));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
  queues.delete(organizationId);
}
