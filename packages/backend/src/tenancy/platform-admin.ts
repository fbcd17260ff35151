import { withTenantScope, type Database } from "@awan/db";
import { getConfig } from "../config";

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

/**
 * Whether the person may create an organization: anyone while the server is
 * open to sign-up (AWAN_ALLOW_SIGNUP); on a closed server, only its
 * administrators, since every organization is a tenant they host.
 */
export async function mayCreateOrganization(db: Database, userId: string, signUpOpen = getConfig().allowSignUp): Promise<boolean> {
  return signUpOpen || (await isPlatformAdmin(db, userId));
}
