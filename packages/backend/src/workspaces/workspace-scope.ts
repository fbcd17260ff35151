import type { ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { hasRole } from "../tenancy/roles";
import type { Actor } from "../tenancy/memberships";

export type WorkspaceRole = "ADMIN" | "MEMBER" | "GUEST";

/** What every workspace service works with: the organization-scoped transaction and who acts. */
export type WorkspaceScope = { tx: ScopedDb; actor: Actor };

export const WORKSPACE_NOT_FOUND = "This workspace does not exist, or you cannot see it.";

export type FoundWorkspace = {
  id: string;
  name: string;
  isDefault: boolean;
  isPrivate: boolean;
  /** The actor's role in it; null when they are not in it. */
  myRole: WorkspaceRole | null;
  /** May rename it, change its members and roles, delete it. */
  canManage: boolean;
};

/**
 * Organization administrators manage every workspace (so none is left without
 * someone to manage it), but read a private one's channels and folder only
 * as its members.
 */
const isOrganizationAdmin = (actor: Actor) => hasRole(actor.role, "ADMIN");

/**
 * The workspace if the actor may see it, or NOT_FOUND: another organization's,
 * a private one they are not in, and (for a guest of the organization) any
 * they were not invited to all look like one that does not exist.
 */
export async function findWorkspace({ tx, actor }: WorkspaceScope, workspaceId: string, opts: { lock?: boolean } = {}): Promise<FoundWorkspace> {
  // Locked while members change, so two removals cannot each leave the other as the last admin and then both go.
  if (opts.lock) await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE "id" = ${workspaceId}::uuid FOR UPDATE`;
  const workspace = await tx.workspace.findFirst({
    where: { id: workspaceId, organizationId: actor.organizationId },
    select: { id: true, name: true, isDefault: true, isPrivate: true, members: { where: { userId: actor.userId }, select: { role: true } } },
  });
  const myRole = workspace?.members[0]?.role ?? null;
  if (!workspace || !canSee(actor, workspace.isPrivate, myRole)) throw new DomainError("NOT_FOUND", WORKSPACE_NOT_FOUND);
  const { members: _members, ...found } = workspace;
  return { ...found, myRole, canManage: myRole === "ADMIN" || isOrganizationAdmin(actor) };
}

export function canSee(actor: Actor, isPrivate: boolean, myRole: WorkspaceRole | null): boolean {
  if (myRole) return true;
  if (actor.role === "GUEST") return false;
  return !isPrivate || isOrganizationAdmin(actor);
}

/** The workspace, if the actor may manage it, or FORBIDDEN (NOT_FOUND when they cannot see it). */
export async function findManagedWorkspace(scope: WorkspaceScope, workspaceId: string, opts: { lock?: boolean } = {}): Promise<FoundWorkspace> {
  const workspace = await findWorkspace(scope, workspaceId, opts);
  if (!workspace.canManage) throw new DomainError("FORBIDDEN", `Only the administrators of ${workspace.name} can do this.`);
  return workspace;
}

/**
 * Where a new channel goes: the workspace named (whose member or admin the
 * actor must be; guests create no channels) or, with none named, the
 * organization's default one.
 */
export async function workspaceForNewChannel(scope: WorkspaceScope, workspaceId: string | undefined): Promise<string> {
  const { tx, actor } = scope;
  if (!workspaceId) {
    return (await tx.workspace.findFirstOrThrow({ where: { organizationId: actor.organizationId, isDefault: true }, select: { id: true } })).id;
  }
  const workspace = await findWorkspace(scope, workspaceId);
  if (workspace.myRole !== "ADMIN" && workspace.myRole !== "MEMBER") {
    throw new DomainError("FORBIDDEN", `Join ${workspace.name} to create channels in it.`);
  }
  return workspace.id;
}

/**
 * Whether any of these people is outside the workspace. The default one
 * counts everyone in: its members are made as they open Chat, and its
 * channels take guests invited to them.
 */
export async function anyOutsideWorkspace(tx: ScopedDb, workspaceId: string, userIds: string[]): Promise<boolean> {
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { isDefault: true } });
  if (workspace.isDefault) return false;
  const people = [...new Set(userIds)];
  return (await tx.workspaceMember.count({ where: { workspaceId, userId: { in: people } } })) < people.length;
}
