import type { ScopedDb } from "@awan/db";
import type { AfterCommit } from "../after-commit";
import { DomainError } from "../errors";
import type { Actor } from "../tenancy/memberships";
import { workspaceFolderAccess } from "../workspaces/workspace-folder";
import { OWNER_ACCESS, requireAccess, sharedAccess, type Need } from "./access";

/**
 * What every files service works with: the organization-scoped transaction,
 * who acts, and a place for work that must wait until the transaction has
 * committed (deleting stored bytes that nothing references any more).
 */
export type FileScope = { tx: ScopedDb; actor: Actor; afterCommit: AfterCommit };

/** The id of the actor's "My files" drive in the organization, created on first use. */
export async function myDriveId({ tx, actor }: Pick<FileScope, "tx" | "actor">): Promise<string> {
  if (actor.role === "GUEST") throw new DomainError("FORBIDDEN", "Guests have no files of their own: they see what is shared with them.");
  const where = { organizationId_ownerUserId: { organizationId: actor.organizationId, ownerUserId: actor.userId } };
  const found = await tx.drive.findUnique({ where, select: { id: true } });
  if (found) return found.id;
  // Several first requests at once (a folder upload) all create it: one insert wins, none fails.
  await tx.$executeRaw`INSERT INTO "Drive" ("id", "organizationId", "ownerUserId") VALUES (gen_random_uuid(), ${actor.organizationId}::uuid, ${actor.userId}::uuid)
    ON CONFLICT ("organizationId", "ownerUserId") DO NOTHING`;
  return (await tx.drive.findUniqueOrThrow({ where, select: { id: true } })).id;
}

export type ItemState = "live" | "trashed" | "any";

export const ITEM_SELECT = {
  id: true,
  driveId: true,
  parentId: true,
  kind: true,
  name: true,
  size: true,
  contentType: true,
  currentVersionId: true,
  createdAt: true,
  modifiedAt: true,
  trashedAt: true,
  targetId: true,
} as const;

type PathEntry = { id: string; name: string; trashedAt: Date | null };

/** The folders from the top of the drive down to the item, the item last. */
export async function pathOf(tx: ScopedDb, itemId: string): Promise<PathEntry[]> {
  const rows = await tx.$queryRaw<(PathEntry & { depth: number })[]>`
    WITH RECURSIVE up AS (
      SELECT "id", "parentId", "name", "trashedAt", 0 AS depth FROM "FileItem" WHERE "id" = ${itemId}::uuid
      UNION ALL
      SELECT f."id", f."parentId", f."name", f."trashedAt", up.depth + 1 FROM "FileItem" f JOIN up ON f."id" = up."parentId"
    )
    SELECT "id", "name", "trashedAt", depth FROM up ORDER BY depth DESC`;
  return rows.map(({ id, name, trashedAt }) => ({ id, name, trashedAt }));
}

/** pathOf for many items in one query: each item's path, keyed by its id. */
export async function pathsOf(tx: ScopedDb, itemIds: string[]): Promise<Map<string, PathEntry[]>> {
  if (itemIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<(PathEntry & { start: string; depth: number })[]>`
    WITH RECURSIVE up AS (
      SELECT "id" AS start, "id", "parentId", "name", "trashedAt", 0 AS depth FROM "FileItem" WHERE "id" = ANY(${itemIds}::uuid[])
      UNION ALL
      SELECT up.start, f."id", f."parentId", f."name", f."trashedAt", up.depth + 1 FROM "FileItem" f JOIN up ON f."id" = up."parentId"
    )
    SELECT start, "id", "name", "trashedAt", depth FROM up ORDER BY start, depth DESC`;
  const paths = new Map<string, PathEntry[]>();
  for (const { start, id, name, trashedAt } of rows) paths.set(start, [...(paths.get(start) ?? []), { id, name, trashedAt }]);
  return paths;
}

/**
 * An item the actor may `need` (edit, by default), or NOT_FOUND: an item
 * nobody shared with them and another organization's look exactly like one
 * that does not exist. "Live" means neither it nor a folder above it is in
 * the trash; "trashed" means it was put in the trash itself (only the
 * drive's owner reaches the trash). A live item comes with its path: from
 * the top of the drive for its owner, from the shared folder for anyone
 * else (itself last), and with what the actor may do with it.
 */
export async function findItem(scope: Pick<FileScope, "tx" | "actor">, id: string, state: ItemState = "live", kind?: "FILE" | "FOLDER", need: Need = "edit") {
  const { organizationId, userId } = scope.actor;
  const found = await scope.tx.fileItem.findFirst({
    where: { id, organizationId, ...(kind && { kind }), ...(state === "trashed" && { trashedAt: { not: null } }) },
    select: { ...ITEM_SELECT, drive: { select: { ownerUserId: true, ownerWorkspaceId: true } } },
  });
  const what = kind === "FOLDER" ? "folder" : kind === "FILE" ? "file" : "item";
  const owned = found?.drive.ownerUserId === userId;
  // A workspace's shared folder: its members reach all of it, by their role there; its writers reach its trash too.
  const inWorkspace = found && !owned && found.drive.ownerWorkspaceId ? await workspaceFolderAccess(scope.tx, found.drive.ownerWorkspaceId, userId) : null;
  if (!found || (!owned && !inWorkspace?.edit && state !== "live")) throw new DomainError("NOT_FOUND", `This ${what} does not exist, or you cannot see it.`);
  const { drive: _drive, ...item } = found;
  // Where it is: the live check needs it, shares above it count, and breadcrumbs show it.
  const path = state === "live" ? await pathOf(scope.tx, id) : [];
  let access = OWNER_ACCESS;
  let visiblePath = path;
  if (inWorkspace) {
    access = inWorkspace;
    // The folder itself stays where its workspace put it: no rename, move, trash or share of it, only of its contents.
    if (found.parentId === null && kind !== "FOLDER" && need === "edit") throw new DomainError("FORBIDDEN", "A workspace's shared folder cannot be renamed, moved, shared or deleted; what is in it can.");
  } else if (!owned) {
    const shared = await sharedAccess(scope.tx, userId, path.map((p) => p.id));
    if (!shared) throw new DomainError("NOT_FOUND", `This ${what} does not exist, or you cannot see it.`);
    access = shared.access;
    visiblePath = path.slice(shared.rootIndex);
  }
  if (path.some((p) => p.trashedAt)) throw new DomainError("NOT_FOUND", `This ${what} is in the trash.`);
  requireAccess(access, need);
  return { ...item, path: visiblePath, access };
}

/**
 * A live folder to put things in (or list), with its path for breadcrumbs and
 * what the actor may do there; null is the top of the actor's own drive.
 */
export async function findTargetFolder(scope: Pick<FileScope, "tx" | "actor">, folderId: string | null, need: Need = "edit") {
  if (folderId === null) return { driveId: await myDriveId(scope), folderId: null, path: [] as PathEntry[], access: OWNER_ACCESS };
  const folder = await findItem(scope, folderId, "live", "FOLDER", need);
  return { driveId: folder.driveId, folderId: folder.id as string | null, path: folder.path, access: folder.access };
}

/** Names of the live items in a folder. */
export async function namesIn(tx: ScopedDb, driveId: string, folderId: string | null): Promise<Set<string>> {
  const rows = await tx.fileItem.findMany({ where: { driveId, parentId: folderId, trashedAt: null }, select: { name: true } });
  return new Set(rows.map((r) => r.name));
}

export function nameTaken(name: string): DomainError {
  return new DomainError("CONFLICT", `Something named “${name}” is already in this folder.`);
}
