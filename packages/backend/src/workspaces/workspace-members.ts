import { DomainError } from "../errors";
import { notify } from "../notifications/notify";
import { findManagedWorkspace, findWorkspace, type FoundWorkspace, type WorkspaceRole, type WorkspaceScope } from "./workspace-scope";

const PERSON_NOT_FOUND = "Someone you chose is not a member of your organization.";
const NOT_IN_WORKSPACE = "This person is not in the workspace.";

/** The people in a workspace the actor may see, administrators first, then by name. */
export async function listWorkspaceMembers(scope: WorkspaceScope, workspaceId: string) {
  const workspace = await findWorkspace(scope, workspaceId);
  const rows = await scope.tx.workspaceMember.findMany({
    where: { workspaceId: workspace.id },
    select: { role: true, joinedAt: true, membership: { select: { role: true, user: { select: { id: true, name: true, email: true } } } } },
  });
  const rank = { ADMIN: 0, MEMBER: 1, GUEST: 2 } as const;
  return rows
    .map((r) => ({ ...r.membership.user, role: r.role, organizationRole: r.membership.role, joinedAt: r.joinedAt }))
    .sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name));
}

/** Members of the organization who are not in the workspace yet: whom its administrators may add. */
export async function listMemberCandidates(scope: WorkspaceScope, workspaceId: string) {
  const workspace = await findManagedWorkspace(scope, workspaceId);
  const rows = await scope.tx.membership.findMany({
    where: { organizationId: scope.actor.organizationId, workspaces: { none: { workspaceId: workspace.id } } },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((r) => ({ ...r.user, isGuest: r.role === "GUEST" })).sort((a, b) => a.name.localeCompare(b.name));
}

/** A guest of the organization can be nothing more than a guest of a workspace. */
function checkRoleFor(person: { role: string; user: { name: string } }, role: WorkspaceRole) {
  if (person.role === "GUEST" && role !== "GUEST") {
    throw new DomainError("INVALID_INPUT", `${person.user.name} is a guest of the organization, so can only be a guest of a workspace.`);
  }
}

/** Adds colleagues with `role`; people already in it keep theirs. Each one added is notified. */
export async function addWorkspaceMembers(scope: WorkspaceScope, input: { workspaceId: string; userIds: string[]; role: WorkspaceRole }) {
  const { tx, actor } = scope;
  const workspace = await findManagedWorkspace(scope, input.workspaceId, { lock: true });
  const wanted = [...new Set(input.userIds)];
  const people = await tx.membership.findMany({
    where: { organizationId: actor.organizationId, userId: { in: wanted } },
    select: { userId: true, role: true, user: { select: { name: true } } },
  });
  if (people.length !== wanted.length) throw new DomainError("NOT_FOUND", PERSON_NOT_FOUND);
  for (const person of people) checkRoleFor(person, input.role);
  const already = new Set(
    (await tx.workspaceMember.findMany({ where: { workspaceId: workspace.id, userId: { in: wanted } }, select: { userId: true } })).map((m) => m.userId),
  );
  const added = wanted.filter((id) => !already.has(id));
  await tx.workspaceMember.createMany({
    data: added.map((userId) => ({ organizationId: actor.organizationId, workspaceId: workspace.id, userId, role: input.role })),
    skipDuplicates: true,
  });
  const me = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true } });
  await notify(
    tx,
    actor.organizationId,
    added.map((userId) => ({ userId, kind: "INVITATION" as const, actorId: actor.userId, title: `${me.name} added you to the workspace ${workspace.name}`, link: `/workspaces?workspace=${workspace.id}` })),
  );
  return { added: added.length };
}

/** Refuses to leave the workspace without an administrator. */
async function keepAnAdmin(scope: WorkspaceScope, workspace: FoundWorkspace, userId: string) {
  const others = await scope.tx.workspaceMember.count({ where: { workspaceId: workspace.id, role: "ADMIN", userId: { not: userId } } });
  if (others === 0) throw new DomainError("CONFLICT", `${workspace.name} needs at least one administrator. Make someone else an administrator first.`);
}

async function memberOf(scope: WorkspaceScope, workspaceId: string, userId: string) {
  const member = await scope.tx.workspaceMember.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true, membership: { select: { role: true, user: { select: { name: true } } } } },
  });
  if (!member) throw new DomainError("NOT_FOUND", NOT_IN_WORKSPACE);
  return member;
}

export async function changeWorkspaceRole(scope: WorkspaceScope, input: { workspaceId: string; userId: string; role: WorkspaceRole }) {
  const workspace = await findManagedWorkspace(scope, input.workspaceId, { lock: true });
  const member = await memberOf(scope, workspace.id, input.userId);
  checkRoleFor(member.membership, input.role);
  if (member.role === input.role) return;
  if (member.role === "ADMIN") await keepAnAdmin(scope, workspace, input.userId);
  await scope.tx.workspaceMember.update({ where: { workspaceId_userId: { workspaceId: workspace.id, userId: input.userId } }, data: { role: input.role } });
}

/**
 * Takes someone out of a workspace (an administrator's doing, or their own
 * when they leave), and out of its channels with it. Nobody leaves the
 * default workspace, and its last administrator stays.
 */
export async function removeWorkspaceMember(scope: WorkspaceScope, input: { workspaceId: string; userId: string }) {
  const leaving = input.userId === scope.actor.userId;
  const workspace = leaving ? await findWorkspace(scope, input.workspaceId, { lock: true }) : await findManagedWorkspace(scope, input.workspaceId, { lock: true });
  if (workspace.isDefault) throw new DomainError("FORBIDDEN", "Everyone in the organization is in the default workspace; nobody leaves it.");
  const member = await memberOf(scope, workspace.id, input.userId);
  if (member.role === "ADMIN") await keepAnAdmin(scope, workspace, input.userId);
  await scope.tx.channelMember.deleteMany({ where: { userId: input.userId, channel: { workspaceId: workspace.id, kind: "CHANNEL" } } });
  await scope.tx.workspaceMember.delete({ where: { workspaceId_userId: { workspaceId: workspace.id, userId: input.userId } } });
}

/** Joins an open workspace as a member; a guest of the organization joins none on their own. */
export async function joinWorkspace(scope: WorkspaceScope, workspaceId: string) {
  const { tx, actor } = scope;
  const workspace = await findWorkspace(scope, workspaceId);
  if (workspace.myRole) return;
  if (actor.role === "GUEST") throw new DomainError("FORBIDDEN", "Guests join workspaces only when an administrator adds them.");
  if (workspace.isPrivate && !workspace.canManage) throw new DomainError("FORBIDDEN", `${workspace.name} is private: ask one of its administrators to add you.`);
  await tx.workspaceMember.createMany({ data: [{ organizationId: actor.organizationId, workspaceId: workspace.id, userId: actor.userId, role: "MEMBER" }], skipDuplicates: true });
}
