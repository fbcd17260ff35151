import type { ScopedDb } from "@awan/db";
import { recordActivity } from "../activity/activity-log";
import type { AfterCommit } from "../after-commit";
import { DomainError } from "../errors";
import { getStorageEngine } from "../storage";
import { findItem, findTargetFolder, ITEM_SELECT, myDriveId, namesIn, pathsOf, type FileScope } from "./file-scope";
import { kindWord, toListed, withNameCheck } from "./folders";
import { freeName } from "./names";
import { bytesByDrive, releaseBytes } from "./quota";

export async function trashItems(scope: FileScope, itemIds: string[]) {
  const now = new Date();
  for (const itemId of itemIds) {
    const item = await findItem(scope, itemId);
    await scope.tx.fileItem.update({ where: { id: item.id }, data: { trashedAt: now } });
    await recordActivity(scope.tx, scope.actor, { action: `${kindWord(item.kind)}.trash`, subjectId: item.id, summary: `Moved “${item.name}” to the trash` });
  }
}

export const TRASH_PAGE = 100;

export type TrashCursor = { trashedAt: Date; id: string };

/**
 * What the actor put in the trash, newest first (ties by id), a page at a
 * time after `after`, each with the folder it came from. Positions stay put
 * while items are restored or deleted between pages, so a walk through every
 * page sees each item still there exactly once.
 */
export async function listTrash(scope: FileScope, after?: TrashCursor) {
  const driveId = await myDriveId(scope);
  const inTrash = { driveId, trashedAt: { not: null } };
  const rows = await scope.tx.fileItem.findMany({
    where: { ...inTrash, ...(after && { OR: [{ trashedAt: { lt: after.trashedAt } }, { trashedAt: after.trashedAt, id: { gt: after.id } }] }) },
    orderBy: [{ trashedAt: "desc" }, { id: "asc" }],
    take: TRASH_PAGE + 1,
    select: ITEM_SELECT,
  });
  const page = rows.slice(0, TRASH_PAGE);
  const folders = await pathsOf(scope.tx, page.flatMap((item) => (item.parentId ? [item.parentId] : [])));
  const last = page.at(-1);
  return {
    items: page.map((item) => {
      const from = item.parentId ? (folders.get(item.parentId) ?? []) : [];
      return {
        ...toListed(item),
        trashedAt: item.trashedAt!,
        originalPath: from.map(({ id, name }) => ({ id, name })),
        // The folder it came from is itself in the trash: the person picks where it goes.
        originalFolderAvailable: !from.some((p) => p.trashedAt),
      };
    }),
    nextCursor: rows.length > TRASH_PAGE && last ? { trashedAt: last.trashedAt!, id: last.id } : null,
    /** Everything in the trash, not only the pages loaded: what "Empty trash" deletes. */
    total: await scope.tx.fileItem.count({ where: inTrash }),
  };
}

/**
 * Puts a trashed item back where it was, or into `folderId` when given (the
 * console asks for one when the original folder is in the trash too). A name
 * taken there meanwhile gets " (2)".
 */
export async function restoreItem(scope: FileScope, input: { itemId: string; folderId?: string | null }) {
  const item = await findItem(scope, input.itemId, "trashed");
  const backWhereItWas = input.folderId === undefined;
  const target = await findTargetFolder(scope, backWhereItWas ? item.parentId : (input.folderId ?? null)).catch((error: unknown) => {
    // Its own folder is in the trash too (one deleted for good would have taken the item with it).
    if (backWhereItWas && error instanceof DomainError && error.code === "NOT_FOUND") {
      throw new DomainError("CONFLICT", `The folder “${item.name}” was in is in the trash too. Choose where to restore it.`);
    }
    throw error;
  });
  const folderId = target.folderId;
  const taken = await namesIn(scope.tx, target.driveId, folderId);
  const name = freeName(item.name, (n) => taken.has(n));
  await withNameCheck(name, () => scope.tx.fileItem.update({ where: { id: item.id }, data: { trashedAt: null, parentId: folderId, name }, select: { id: true } }));
  await recordActivity(scope.tx, scope.actor, { action: `${kindWord(item.kind)}.restore`, subjectId: item.id, summary: `Restored “${name}” from the trash` });
  return { name, folderId };
}

export async function deleteForever(scope: FileScope, itemIds: string[]) {
  // Found first: an item trashed from inside a folder selected before it is gone with that folder.
  const items = [];
  for (const itemId of itemIds) items.push(await findItem(scope, itemId, "trashed"));
  for (const item of items) {
    await destroyItem(scope.tx, scope.actor.organizationId, item.id, scope.afterCommit);
    await recordActivity(scope.tx, scope.actor, { action: `${kindWord(item.kind)}.delete`, subjectId: item.id, summary: `Deleted “${item.name}” for good` });
  }
}

/** Deletes everything in the actor's trash, however many pages it fills, in a fixed handful of statements. */
export async function emptyTrash(scope: FileScope) {
  const driveId = await myDriveId(scope);
  const items = await scope.tx.fileItem.findMany({ where: { driveId, trashedAt: { not: null } }, select: { id: true } });
  await destroyItems(scope.tx, scope.actor.organizationId, items.map((item) => item.id), scope.afterCommit);
  if (items.length > 0) await recordActivity(scope.tx, scope.actor, { action: "trash.empty", summary: `Emptied the trash (${items.length} item${items.length === 1 ? "" : "s"})` });
  return { deleted: items.length };
}

export function destroyItem(tx: ScopedDb, organizationId: string, itemId: string, afterCommit: AfterCommit) {
  return destroyItems(tx, organizationId, [itemId], afterCommit);
}

/**
 * Removes items and everything under them with all their versions, gives
 * their bytes back to the quotas, and, once the transaction has committed,
 * deletes the blobs (their chunks go when nothing else uses them). The same
 * statements for one item or thousands.
 */
export async function destroyItems(tx: ScopedDb, organizationId: string, itemIds: string[], afterCommit: AfterCommit) {
  if (itemIds.length === 0) return;
  // UNION, not UNION ALL: an item trashed before its folder is both a root and under one, and its bytes go back once.
  const versions = await tx.$queryRaw<{ blobId: string; size: bigint; driveId: string }[]>`
    WITH RECURSIVE down AS (
      SELECT "id", "driveId" FROM "FileItem" WHERE "id" = ANY(${itemIds}::uuid[])
      UNION
      SELECT c."id", c."driveId" FROM "FileItem" c JOIN down ON c."parentId" = down."id"
    )
    SELECT v."blobId", v."size", down."driveId" FROM down JOIN "FileVersion" v ON v."fileId" = down."id"`;
  // The current-version pointers go first: they would keep the versions from being deleted.
  await tx.$executeRaw`
    WITH RECURSIVE down AS (
      SELECT "id" FROM "FileItem" WHERE "id" = ANY(${itemIds}::uuid[])
      UNION
      SELECT c."id" FROM "FileItem" c JOIN down ON c."parentId" = down."id"
    )
    UPDATE "FileItem" SET "currentVersionId" = NULL WHERE "id" IN (SELECT "id" FROM down)`;
  // Items under a deleted one go with it (cascade); an item may have gone already, with a folder above it destroyed in the same transaction.
  await tx.$executeRaw`DELETE FROM "FileItem" WHERE "id" = ANY(${itemIds}::uuid[])`;
  for (const [driveId, bytes] of bytesByDrive(versions)) await releaseBytes(tx, organizationId, driveId, bytes);
  deleteBlobsLater(organizationId, versions.map((v) => v.blobId), afterCommit);
}

export function deleteBlobsLater(organizationId: string, blobIds: string[], afterCommit: AfterCommit) {
  if (blobIds.length === 0) return;
  afterCommit(async () => {
    const engine = getStorageEngine();
    for (const blobId of blobIds) await engine.delete(organizationId, blobId);
  });
}
