import type { ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import type { Access } from "../files/access";
import { findWorkspace, type WorkspaceScope } from "./workspace-scope";

/**
 * A workspace's shared folder is the one top-level folder of a drive the
 * workspace owns (Drive.ownerWorkspaceId). Everything inside goes through the
 * files services like "My files": findItem (files/file-scope.ts) asks
 * workspaceFolderAccess what a person may do there, and the drive's quota
 * and the organization's count its bytes.
 */

/** Admins and members read and write; guests read. Not in the workspace: nothing. */
export async function workspaceFolderAccess(tx: ScopedDb, workspaceId: string, userId: string): Promise<Access | null> {
  const member = await tx.workspaceMember.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true } });
  if (!member) return null;
  const writer = member.role !== "GUEST";
  return { own: false, view: true, edit: writer, upload: writer };
}

/** The drive and its top folder for a workspace, made on first use; concurrent first uses make one. */
async function ensureWorkspaceFolder({ tx, actor }: WorkspaceScope, workspace: { id: string; name: string }): Promise<string> {
  await tx.$executeRaw`INSERT INTO "Drive" ("id", "organizationId", "ownerWorkspaceId") VALUES (gen_random_uuid(), ${actor.organizationId}::uuid, ${workspace.id}::uuid)
    ON CONFLICT ("organizationId", "ownerWorkspaceId") DO NOTHING`;
  const [drive] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Drive" WHERE "organizationId" = ${actor.organizationId}::uuid AND "ownerWorkspaceId" = ${workspace.id}::uuid FOR UPDATE`;
  if (!drive) throw new DomainError("NOT_FOUND", "This workspace's folder could not be found.");
  const top = await tx.fileItem.findFirst({ where: { driveId: drive.id, parentId: null, kind: "FOLDER" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  if (top) return top.id;
  const created = await tx.fileItem.create({
    data: { organizationId: actor.organizationId, driveId: drive.id, kind: "FOLDER", name: workspace.name, createdById: actor.userId },
    select: { id: true },
  });
  return created.id;
}

/** The workspace's shared folder, for a member of it: its id opens it in Files. */
export async function openWorkspaceFolder(scope: WorkspaceScope, workspaceId: string) {
  const workspace = await findWorkspace(scope, workspaceId);
  if (!workspace.myRole) throw new DomainError("FORBIDDEN", `Join ${workspace.name} to see its shared folder.`);
  const access = await workspaceFolderAccess(scope.tx, workspace.id, scope.actor.userId);
  return { workspaceId: workspace.id, name: workspace.name, folderId: await ensureWorkspaceFolder(scope, workspace), access: access! };
}

/** The shared folders of every workspace the actor is in, for the Files sidebar. */
export async function listWorkspaceFolders(scope: WorkspaceScope) {
  const memberships = await scope.tx.workspaceMember.findMany({
    where: { userId: scope.actor.userId, workspace: { organizationId: scope.actor.organizationId } },
    select: { role: true, workspace: { select: { id: true, name: true, isDefault: true } } },
    orderBy: [{ workspace: { isDefault: "desc" } }, { workspace: { name: "asc" } }],
  });
  const folders = [];
  for (const { role, workspace } of memberships) {
    folders.push({ workspaceId: workspace.id, name: workspace.name, folderId: await ensureWorkspaceFolder(scope, workspace), canWrite: role !== "GUEST" });
  }
  return folders;
}

/** Keeps the shared folder's name the workspace's. */
export async function renameWorkspaceFolder({ tx }: WorkspaceScope, workspaceId: string, name: string) {
  await tx.fileItem.updateMany({ where: { parentId: null, kind: "FOLDER", drive: { ownerWorkspaceId: workspaceId } }, data: { name } });
}

/** Removes the workspace's (empty) drive, or refuses while anything is in it, trash and uploads included. */
export async function dropEmptyWorkspaceFolder({ tx }: WorkspaceScope, workspaceId: string, workspaceName: string) {
  const drive = await tx.drive.findFirst({ where: { ownerWorkspaceId: workspaceId }, select: { id: true, _count: { select: { items: true, uploads: true } } } });
  if (!drive) return;
  const held = drive._count.items - 1 + drive._count.uploads;
  if (held > 0) {
    throw new DomainError("CONFLICT", `The shared folder of ${workspaceName} still holds ${held} item${held === 1 ? "" : "s"} (the trash included). Delete them first, then delete the workspace.`);
  }
  await tx.drive.delete({ where: { id: drive.id } });
}

/**
 * What was put in the trash of a workspace's shared folder, newest first, for
 * its admins and members: they restore it (files.restore) or delete it for
 * good (files.deleteForever), as in their own trash.
 */
export async function listWorkspaceTrash(scope: WorkspaceScope, workspaceId: string) {
  const workspace = await findWorkspace(scope, workspaceId);
  const access = await workspaceFolderAccess(scope.tx, workspace.id, scope.actor.userId);
  if (!access?.edit) throw new DomainError("FORBIDDEN", `Only the admins and members of ${workspace.name} see its trash.`);
  const items = await scope.tx.fileItem.findMany({
    where: { trashedAt: { not: null }, drive: { ownerWorkspaceId: workspace.id } },
    orderBy: [{ trashedAt: "desc" }, { id: "asc" }],
    take: 1000,
    select: { id: true, kind: true, name: true, size: true, trashedAt: true },
  });
  return items.map((item) => ({ ...item, size: Number(item.size), trashedAt: item.trashedAt! }));
}
