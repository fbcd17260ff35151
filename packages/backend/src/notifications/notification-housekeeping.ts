import { withTenantScope, type Database } from "@awan/db";
import { listOrganizationIds } from "../storage/organizations";

const DAY = 24 * 3600_000;
/** Read notifications stay this long: long enough to find one again. */
export const KEEP_READ_DAYS = 90;
/** Nobody reads further back than this: unread ones go too, so a bell never grows without bound. */
export const KEEP_UNREAD_DAYS = 365;

/** The notifications domain's periodic job, in every organization: removes old notifications. */
export async function removeOldNotifications(db: Database, now = new Date()): Promise<{ removed: number; failedOrganizations: number }> {
  const report = { removed: 0, failedOrganizations: 0 };
  const readBefore = new Date(now.getTime() - KEEP_READ_DAYS * DAY);
  const anyBefore = new Date(now.getTime() - KEEP_UNREAD_DAYS * DAY);
  for (const organizationId of await listOrganizationIds(db)) {
    // One organization's trouble must not keep the others from being cleaned up.
    await withTenantScope(db, { organizationId }, async (tx) => {
      const { count } = await tx.notification.deleteMany({
        where: { organizationId, OR: [{ readAt: { lt: readBefore } }, { createdAt: { lt: anyBefore } }] },
      });
      report.removed += count;
    }).catch((error: unknown) => {
      report.failedOrganizations += 1;
      console.error(`Removing old notifications of organization ${organizationId} failed:`, error);
    });
  }
  return report;
}
