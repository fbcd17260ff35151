import { isPrismaError, PrismaErrorCode, type ScopedDb } from "@awan/db";
import { recordActivity } from "../activity/activity-log";
import { DomainError } from "../errors";
import type { Actor } from "./memberships";

// Groups are people of one organization whom files can be shared with at once.
// Administrators manage them; everyone in the organization sees their names.

const GROUP_NOT_FOUND = "This group does not exist in your organization.";
const PERSON_NOT_FOUND = "This person is not a member of your organization.";

/** The organization's groups by name, with how many people each holds. */
export async function listGroups(tx: ScopedDb, organizationId: string) {
  const rows = await tx.group.findMany({
    where: { organizationId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, createdAt: true, _count: { select: { members: true } } },
  });
  return rows.map((g) => ({ id: g.id, name: g.name, createdAt: g.createdAt, memberCount: g._count.members }));
}

async function findGroup(tx: ScopedDb, organizationId: string, groupId: string) {
  const group = await tx.group.findFirst({ where: { id: groupId, organizationId }, select: { id: true, name: true } });
  if (!group) throw new DomainError("NOT_FOUND", GROUP_NOT_FOUND);
  return group;
}

/** The people in a group, by name, with their role in the organization. */
export async function listGroupMembers(tx: ScopedDb, organizationId: string, groupId: string) {
  const group = await findGroup(tx, organizationId, groupId);
  const rows = await tx.groupMember.findMany({
    where: { groupId: group.id, organizationId },
    select: { addedAt: true, membership: { select: { role: true, user: { select: { id: true, name: true, email: true } } } } },
  });
  const members = rows.map((r) => ({ ...r.membership.user, role: r.membership.role, addedAt: r.addedAt }));
  members.sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
  return { ...group, members };
}

/** Creates or renames, turning the one-name-per-organization index's refusal into a clear CONFLICT. */
async function withGroupNameCheck<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPrismaError(error, PrismaErrorCode.UniqueConstraint)) throw new DomainError("CONFLICT", `There is already a group named “${name}”.`);
    throw error;
  }
}

export async function createGroup(tx: ScopedDb, actor: Actor, name: string) {
  const group = await withGroupNameCheck(name, () =>
    tx.group.create({ data: { organizationId: actor.organizationId, name }, select: { id: true, name: true, createdAt: true } }),
  );
  await recordActivity(tx, actor, { action: "group.create", subjectId: group.id, summary: `Created the group “${name}”` });
  return { ...group, memberCount: 0 };
}

export async function renameGroup(tx: ScopedDb, actor: Actor, groupId: string, name: string) {
  const group = await findGroup(tx, actor.organizationId, groupId);
  if (group.name === name) return group;
  await withGroupNameCheck(name, () => tx.group.update({ where: { id: group.id }, data: { name }, select: { id: true } }));
  await recordActivity(tx, actor, { action: "group.rename", subjectId: group.id, summary: `Renamed the group “${group.name}” to “${name}”` });
  return { id: group.id, name };
}

/** Deletes a group; what was shared with it is no longer reachable through it. */
export async function deleteGroup(tx: ScopedDb, actor: Actor, groupId: string) {
  const group = await findGroup(tx, actor.organizationId, groupId);
  await tx.group.delete({ where: { id: group.id } });
  await recordActivity(tx, actor, { action: "group.delete", subjectId: group.id, summary: `Deleted the group “${group.name}”` });
}

/** Adds people of the organization (guests too) to a group; those already in it stay. */
export async function addGroupMembers(tx: ScopedDb, actor: Actor, groupId: string, userIds: string[]) {
  const group = await findGroup(tx, actor.organizationId, groupId);
  const unique = [...new Set(userIds)];
  const people = await tx.membership.findMany({
    where: { organizationId: actor.organizationId, userId: { in: unique } },
    select: { userId: true, user: { select: { name: true } } },
  });
  if (people.length !== unique.length) throw new DomainError("NOT_FOUND", PERSON_NOT_FOUND);
  const { count } = await tx.groupMember.createMany({
    data: people.map((p) => ({ organizationId: actor.organizationId, groupId: group.id, userId: p.userId })),
    skipDuplicates: true,
  });
  if (count > 0) {
    const who = people.length === 1 ? people[0]!.user.name : `${count} people`;
    await recordActivity(tx, actor, { action: "group.addMember", subjectId: group.id, summary: `Added ${who} to the group “${group.name}”` });
  }
  return { added: count };
}

/** Takes a person out of a group: what was shared with the group is out of their reach at once. */
export async function removeGroupMember(tx: ScopedDb, actor: Actor, groupId: string, userId: string) {
  const group = await findGroup(tx, actor.organizationId, groupId);
  const member = await tx.groupMember.findFirst({
    where: { groupId: group.id, userId, organizationId: actor.organizationId },
    select: { membership: { select: { user: { select: { name: true } } } } },
  });
  if (!member) throw new DomainError("NOT_FOUND", "This person is not in the group.");
  await tx.groupMember.delete({ where: { groupId_userId: { groupId: group.id, userId } } });
  await recordActivity(tx, actor, {
    action: "group.removeMember",
    subjectId: group.id,
    summary: `Removed ${member.membership.user.name} from the group “${group.name}”`,
  });
}
