import { withTenantScope, type Database } from "@awan/db";
import { getStorageEngine } from "../storage";

/** Sent and given-up messages stay in the outbox this long, then their row and signed bytes go. */
export const OUTBOX_KEEP_DAYS = 30;

/**
 * Removes messages finished (sent or given up) more than `keepDays` ago:
 * the row in its organization's scope, then the stored bytes it held. A
 * crash between the two leaves bytes without a reference, never a row
 * without its bytes.
 */
export async function removeFinishedOutboundMail(
  db: Database,
  { keepDays = OUTBOX_KEEP_DAYS, now = new Date(), organizationIds }: { keepDays?: number; now?: Date; organizationIds?: string[] } = {},
): Promise<{ removed: number }> {
  const before = new Date(now.getTime() - keepDays * 24 * 60 * 60 * 1000);
  const finished = await withTenantScope(db, { platformJob: true }, (tx) =>
    tx.outboundMail.findMany({
      where: { state: { not: "QUEUED" }, finishedAt: { lt: before }, ...(organizationIds && { organizationId: { in: organizationIds } }) },
      select: { id: true, organizationId: true },
      take: 1000,
    }),
  );
  let removed = 0;
  for (const { id, organizationId } of finished) {
    const row = await withTenantScope(db, { organizationId }, async (tx) => {
      const found = await tx.outboundMail.findFirst({ where: { id, state: { not: "QUEUED" }, finishedAt: { lt: before } }, select: { blobId: true } });
      if (found) await tx.outboundMail.delete({ where: { id }, select: { id: true } });
      return found;
    });
    if (!row) continue;
    await getStorageEngine().delete(organizationId, row.blobId);
    removed++;
  }
  return { removed };
}
