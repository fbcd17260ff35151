import { withTenantScope, type Database, type ScopedDb, type TenantScope } from "@awan/db";

export type AfterCommit = (work: () => Promise<unknown>) => void;

/**
 * withTenantScope, plus work queued for after the commit: deleting stored
 * bytes that the committed transaction stopped referencing. That work runs
 * only if the transaction committed; if it fails, the bytes are left
 * behind, never the references, so nothing is lost.
 */
export async function withAfterCommit<T>(db: Database, scope: TenantScope, work: (tx: ScopedDb, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  const queued: (() => Promise<unknown>)[] = [];
  const result = await withTenantScope(db, scope, (tx) => work(tx, (job) => queued.push(job)));
  await runQueued(queued);
  return result;
}

export async function runQueued(queued: (() => Promise<unknown>)[]): Promise<void> {
  for (const job of queued) {
    await job().catch((error: unknown) => console.error("Clean-up after a commit failed (the bytes stay until the next sweep):", error));
  }
}
