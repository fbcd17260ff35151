import { withTenantScope, type Database } from "@awan/db";

/**
 * Who runs the server itself (storage nodes, scrubs): the owners of the
 * platform's first organization, the one created when the server was set up.
 */
export async function isPlatformAdmin(db: Database, userId: string): Promise<boolean> {
  const first = await withTenantScope(db, { platformJob: true }, (tx) =>
    tx.organization.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }),
  );
  if (!first) return false;
  const membership = await withTenantScope(db, { userId }, (tx) =>
    tx.membership.findFirst({ where: { organizationId: first.id, userId, role: "OWNER" }, select: { id: true } }),
  );
  return membership !== null;
}
