import type { Role, ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { canManageRole } from "./roles";

export type Actor = { organizationId: string; userId: string; role: Role };

export async function listMembers(tx: ScopedDb, organizationId: string) {
  const rows = await tx.membership.findMany({
    where: { organizationId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
  return rows.map((m) => ({ membershipId: m.id, role: m.role, joinedAt: m.createdAt, ...m.user }));
}

async function findManageableMembership(tx: ScopedDb, actor: Actor, membershipId: string) {
  const target = await tx.membership.findFirst({
    where: { id: membershipId, organizationId: actor.organizationId },
    select: { id: true, role: true, userId: true },
  });
  if (!target) throw new DomainError("NOT_FOUND", "This person is not a member of your organization.");
  if (!canManageRole(actor.role, target.role)) {
    throw new DomainError("FORBIDDEN", "Only an owner can change or remove an owner.");
  }
  return target;
}

/** An organization always keeps at least one owner. */
async function assertAnotherOwnerRemains(tx: ScopedDb, organizationId: string) {
  const owners = await tx.membership.count({ where: { organizationId, role: "OWNER" } });
  if (owners <= 1) {
    throw new DomainError("CONFLICT", "An organization needs at least one owner. Make someone else owner first.");
  }
}

export async function changeMemberRole(tx: ScopedDb, actor: Actor, membershipId: string, role: Role) {
  const target = await findManageableMembership(tx, actor, membershipId);
  if (!canManageRole(actor.role, role)) throw new DomainError("FORBIDDEN", "Only an owner can make someone an owner.");
  if (target.role === "OWNER" && role !== "OWNER") await assertAnotherOwnerRemains(tx, actor.organizationId);
  await tx.membership.update({ where: { id: target.id }, data: { role } });
}

export async function removeMember(tx: ScopedDb, actor: Actor, membershipId: string) {
  const target = await findManageableMembership(tx, actor, membershipId);
  if (target.role === "OWNER") await assertAnotherOwnerRemains(tx, actor.organizationId);
  await tx.membership.delete({ where: { id: target.id } });
}

export async function leaveOrganization(tx: ScopedDb, actor: Actor) {
  if (actor.role === "OWNER") await assertAnotherOwnerRemains(tx, actor.organizationId);
  await tx.membership.deleteMany({ where: { organizationId: actor.organizationId, userId: actor.userId } });
}
