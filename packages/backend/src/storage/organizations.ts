import { withTenantScope, type Database } from "@awan/db";

/** Every organization's id: platform jobs visit each inside its own scope. */
export async function listOrganizationIds(db: Database): Promise<string[]> {
  const rows = await withTenantScope(db, { platformJob: true }, (tx) => tx.organization.findMany({ select: { id: true } }));
  return rows.map((r) => r.id);
}
