import crypto from "node:crypto";
import { isPrismaError, PrismaErrorCode, type Role, type ScopedDb } from "@awan/db";
import { DomainError } from "../errors";

export type OrganizationSummary = { id: string; name: string; slug: string; role: Role };

/** A DNS-label-safe slug: later it names the organization's default mail domain. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug || "org";
}

/**
 * Creates an organization with `ownerId` as its owner. The caller's
 * transaction must be scoped to `organizationId` (a fresh id), which is
 * what lets the row-level policies accept the inserts.
 */
export async function createOrganization(
  tx: ScopedDb,
  input: { organizationId: string; name: string; ownerId: string },
): Promise<{ id: string; slug: string }> {
  const base = slugify(input.name);
  // Slugs are unique across the install, but other organizations are invisible
  // here, so try the plain slug and then suffixed ones inside savepoints.
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${crypto.randomBytes(3).toString("hex")}`;
    try {
      await tx.$executeRaw`SAVEPOINT create_organization`;
      await tx.organization.create({ data: { id: input.organizationId, name: input.name, slug } });
      await tx.$executeRaw`RELEASE SAVEPOINT create_organization`;
      await tx.membership.create({
        data: { organizationId: input.organizationId, userId: input.ownerId, role: "OWNER" },
      });
      return { id: input.organizationId, slug };
    } catch (error) {
      if (!isPrismaError(error, PrismaErrorCode.UniqueConstraint)) throw error;
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT create_organization`;
    }
  }
  throw new DomainError("CONFLICT", "Could not find a free address for this organization. Try another name.");
}

export async function renameOrganization(tx: ScopedDb, organizationId: string, name: string) {
  return tx.organization.update({ where: { id: organizationId }, data: { name }, select: { id: true, name: true } });
}

/** The organizations the scoped user belongs to (their own memberships are visible in any scope). */
export async function listUserOrganizations(tx: ScopedDb, userId: string): Promise<OrganizationSummary[]> {
  const memberships = await tx.membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({ ...m.organization, role: m.role }));
}
