import { withTenantScope } from "@awan/db";
import { getDatabase } from "../db";
import type { FileScope } from "../files/file-scope";
import { placeBatch, type CheckedEntry } from "../files/small-files";
import { getStorageEngine, type StoredPack } from "../storage";

// Small files from one person's concurrent PUTs are stored and filed
// together, as the console's batches are: while one group is on its way
// (a packed write to the storage nodes, then one transaction that files it
// and reserves its quota), the PUTs that arrive meanwhile gather for the
// next. A lone PUT waits for nobody; a burst shares the durable writes and
// the commit (the contents' rows and the files naming them, together). If
// filing a group fails (a quota reached midway, a name taken meanwhile),
// the contents are recorded alone and each file is filed on its own for
// its own answer.

const MAX_PER_GROUP = 200;
type Run = <T>(work: (files: FileScope) => Promise<T>) => Promise<T>;
type Waiting = { entry: CheckedEntry; content: Buffer; run: Run; resolve: () => void; reject: (error: unknown) => void };
const queues = new Map<string, Waiting[]>();

/** Stores `content` and files it as `entry` (replacing a file of that name with a new version); resolves once committed. */
export function putSmallFile(organizationId: string, userId: string, entry: CheckedEntry, content: Buffer, run: Run): Promise<void> {
  return new Promise((resolve, reject) => {
    const key = `${organizationId}/${userId}`;
    const waiting = { entry, content, run, resolve, reject };
    const queue = queues.get(key);
    if (queue) return void queue.push(waiting);
    queues.set(key, [waiting]);
    void drain(key, organizationId);
  });
}

async function drain(key: string, organizationId: string): Promise<void> {
  const queue = queues.get(key)!;
  while (queue.length > 0) await fileGroup(organizationId, queue.splice(0, MAX_PER_GROUP));
  queues.delete(key);
}

async function fileGroup(organizationId: string, group: Waiting[]): Promise<void> {
  const engine = getStorageEngine();
  let pack: StoredPack;
  try {
    pack = await engine.storeSmall(organizationId, group.map((w) => w.content));
  } catch (error) {
    for (const w of group) w.reject(error);
    return;
  }
  const entries = group.map((w, i) => ({ ...w.entry, blobId: pack.blobs[i]!.blobId }));
  // The contents' rows commit with the files that name them: one transaction for the group.
  const together = await group[0]!.run(async (files) => {
    await pack.record(files.tx);
    await placeBatch(files, entries, "REPLACE");
  }).then(
    () => true,
    () => false,
  );
  if (together) {
    await pack.afterCommit().catch(() => {}); // a surplus copy left behind is an orphan the sweep removes
    return group.forEach((w) => w.resolve());
  }
  try {
    await withTenantScope(getDatabase(), { organizationId }, (tx) => pack.record(tx));
  } catch (error) {
    await pack.discard();
    for (const w of group) w.reject(error);
    return;
  }
  await pack.afterCommit().catch(() => {});
  await Promise.all(
    group.map((w, i) =>
      w.run((files) => placeBatch(files, [entries[i]!], "REPLACE")).then(w.resolve, async (error: unknown) => {
        await engine.delete(organizationId, entries[i]!.blobId).catch(() => {});
        w.reject(error);
      }),
    ),
  );
}
