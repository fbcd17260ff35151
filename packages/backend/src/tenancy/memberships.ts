import type { Role, ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { publishEvent } from "../events/publish-event";
import { revokeInvitationsBeyond } from "./invitations";
import { membershipChanged } from "./membership-events";
import { canManageRole, roleName } from "./roles";

export type Actor = { organizationId: string; userId: string; role: Role };

export async function listMembers(tx: ScopedDb, organizationId: string) {
  const rows = await tx.membership.findMany({
    where: { organizationId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
  return rows.map((m) => ({ membershipId: m.id, role: m.role, joinedAt: m.createdAt, ...m.user }));
}

/**
 * Serializes membership changes within one organization, so that two owners
 * demoting each other (or both leaving) at once cannot both pass the
 * "another owner remains" check.
 */
async function lockOrganization(tx: ScopedDb, actor: Actor): Promise<Actor> {
  await tx.$queryRaw`SELECT 1 FROM "Organization" WHERE "id" = ${actor.organizationId}::uuid FOR UPDATE`;
  // The role the request started with may have changed while it waited.
  const current = await tx.membership.findFirst({
    where: { organizationId: actor.organizationId, userId: actor.userId },
    select: { role: true },
  });
  if (!current) throw new DomainError("FORBIDDEN", "You are no longer a member of this organization.");
  return { ...actor, role: current.role };
}

async function findManageableMembership(tx: ScopedDb, actor: Actor, membershipId: string) {
  const target = await tx.membership.findFirst({
    where: { id: membershipId, organizationId: actor.organizationId },
    select: { id: true, role: true, userId: true },
  });
  if (!target) throw new DomainError("NOT_FOUND", "This person is not a member of your organization.");
  if (!canManageRole(actor.role, target.role)) {
    throw new DomainError("FORBIDDEN", `Only an owner can change or remove ${roleName(target.role)}.`);
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

export async function changeMemberRole(tx: ScopedDb, requester: Actor, membershipId: string, role: Role) {
  const actor = await lockOrganization(tx, requester);
  const target = await findManageableMembership(tx, actor, membershipId);
  if (!canManageRole(actor.role, role)) throw new DomainError("FORBIDDEN", `Only an owner can make someone ${roleName(role)}.`);
  if (target.role === "OWNER" && role !== "OWNER") await assertAnotherOwnerRemains(tx, actor.organizationId);
  await tx.membership.update({ where: { id: target.id }, data: { role } });
  await revokeInvitationsBeyond(tx, actor.organizationId, target.userId, role);
  await publishEvent(tx, membershipChanged, { organizationId: actor.organizationId, data: { userId: target.userId } });
}

export async function removeMember(tx: ScopedDb, requester: Actor, membershipId: string) {
  const actor = await lockOrganization(tx, requester);
  const target = await findManageableMembership(tx, actor, membershipId);
  if (target.role === "OWNER") await assertAnotherOwnerRemains(tx, actor.organizationId);
  await tx.membership.delete({ where: { id: target.id } });
  await revokeInvitationsBeyond(tx, actor.organizationId, target.userId, null);
  await publishEvent(tx, membershipChanged, { organizationId: actor.organizationId, data: { userId: target.userId } });
}

export async function leaveOrganization(tx: ScopedDb, requester: Actor) {
  const actor = await lockOrganization(tx, requester);
  if (actor.role === "OWNER") await assertAnotherOwnerRemains(tx, actor.organizationId);
  await tx.membership.deleteMany({ where: { organizationId: actor.organizationId, userId: actor.userId } });
  await revokeInvitationsBeyond(tx, actor.organizationId, actor.userId, null);
  await publishEvent(tx, membershipChanged, { organizationId: actor.organizationId, data: { userId: actor.userId } });
}
