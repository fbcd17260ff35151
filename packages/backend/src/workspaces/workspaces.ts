import { isPrismaError, PrismaErrorCode } from "@awan/db";
import type { AfterCommit } from "../after-commit";
import { joinDefaultChannel } from "../chat/default-channel";
import { DomainError } from "../errors";
import { deleteBlobsLater } from "../files/trash";
import { hasRole } from "../tenancy/roles";
import { renameWorkspaceFolder, dropEmptyWorkspaceFolder } from "./workspace-folder";
import { canSee, findManagedWorkspace, type WorkspaceRole, type WorkspaceScope } from "./workspace-scope";

const nameTaken = (name: string) => new DomainError("CONFLICT", `There is already a workspace named “${name}”. Choose another name.`);

/**
 * The workspaces the actor may see: those they are in, and every other one
 * that is not private unless they are a guest of the organization (guests
 * see only the ones they were invited to). The default one comes first.
 */
export async function listMyWorkspaces(scope: WorkspaceScope) {
  const { tx, actor } = scope;
  await joinDefaultChannel(scope);
  const rows = await tx.workspace.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      isDefault: true,
      isPrivate: true,
      members: { where: { userId: actor.userId }, select: { role: true } },
      _count: { select: { members: true } },
    },
  });
  const organizationAdmin = hasRole(actor.role, "ADMIN");
  return rows.flatMap((w) => {
    const myRole: WorkspaceRole | null = w.members[0]?.role ?? null;
    if (!canSee(actor, w.isPrivate, myRole)) return [];
    return [
      {
        id: w.id,
        name: w.name,
        isDefault: w.isDefault,
        isPrivate: w.isPrivate,
        myRole,
        memberCount: w._count.members,
        canManage: myRole === "ADMIN" || organizationAdmin,
        canJoin: myRole === null && actor.role !== "GUEST" && !w.isPrivate,
        // The default workspace holds everyone; the last admin stays until another is named.
        canLeave: myRole !== null && !w.isDefault,
      },
    ];
  });
}

/** A new workspace; its creator is its first administrator. */
export async function createWorkspace({ tx, actor }: WorkspaceScope, input: { name: string; isPrivate: boolean }) {
  if (actor.role === "GUEST") throw new DomainError("FORBIDDEN", "Guests cannot create workspaces.");
  try {
    return await tx.workspace.create({
      data: {
        organizationId: actor.organizationId,
        name: input.name,
        isPrivate: input.isPrivate,
        members: { create: { organizationId: actor.organizationId, userId: actor.userId, role: "ADMIN" } },
      },
      select: { id: true, name: true, isPrivate: true },
    });
  } catch (error) {
    if (isPrismaError(error, PrismaErrorCode.UniqueConstraint)) throw nameTaken(input.name);
    throw error;
  }
}

/** Renames a workspace (and its shared folder) or makes it private or open. */
export async function updateWorkspace(scope: WorkspaceScope, input: { workspaceId: string; name?: string; isPrivate?: boolean }) {
  const workspace = await findManagedWorkspace(scope, input.workspaceId);
  if (input.isPrivate && workspace.isDefault) throw new DomainError("INVALID_INPUT", "The default workspace holds everyone in the organization, so it cannot be private.");
  const name = input.name ?? workspace.name;
  try {
    const updated = await scope.tx.workspace.update({
      where: { id: workspace.id },
      data: { name, isPrivate: input.isPrivate ?? workspace.isPrivate },
      select: { id: true, name: true, isPrivate: true },
    });
    if (name !== workspace.name) await renameWorkspaceFolder(scope, workspace.id, name);
    return updated;
  } catch (error) {
    if (isPrismaError(error, PrismaErrorCode.UniqueConstraint)) throw nameTaken(name);
    throw error;
  }
}

/**
 * Deletes a workspace with its channels and their messages. Its shared
 * folder must be empty first (trash included): files are never deleted as a
 * side effect. The default workspace stays.
 */
export async function deleteWorkspace(scope: WorkspaceScope & { afterCommit: AfterCommit }, workspaceId: string) {
  const { tx, actor } = scope;
  const workspace = await findManagedWorkspace(scope, workspaceId, { lock: true });
  if (workspace.isDefault) throw new DomainError("FORBIDDEN", "The default workspace cannot be deleted: every member of the organization is in it.");
  await dropEmptyWorkspaceFolder(scope, workspace.id, workspace.name);
  // Files sent in its channels have blobs of their own, which go once the rows are gone.
  const attachments = await tx.messageAttachment.findMany({ where: { message: { channel: { workspaceId: workspace.id } } }, select: { blobId: true } });
  await tx.workspace.delete({ where: { id: workspace.id } });
  deleteBlobsLater(actor.organizationId, attachments.map((a) => a.blobId), scope.afterCommit);
}
