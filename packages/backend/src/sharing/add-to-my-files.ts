import { recordActivity } from "../activity/activity-log";
import { DomainError } from "../errors";
import { findItem, findTargetFolder, myDriveId, namesIn, type FileScope } from "../files/file-scope";
import { withNameCheck } from "../files/folders";
import { freeName } from "../files/names";

/**
 * Puts a shortcut to an item shared with the actor into a folder of their
 * own files (null: the top). The shortcut lists and opens as the item while
 * it stays shared with them; an existing live shortcut to it is reused.
 */
export async function addToMyFiles(scope: FileScope, input: { itemId: string; folderId: string | null }) {
  const { tx, actor } = scope;
  const driveId = await myDriveId(scope);
  const item = await findItem(scope, input.itemId, "live", undefined, "view");
  if (item.kind === "SHORTCUT") throw new DomainError("INVALID_INPUT", `“${item.name}” is a shortcut already.`);
  if (item.driveId === driveId) throw new DomainError("INVALID_INPUT", `“${item.name}” is in your files already.`);
  const target = await findTargetFolder(scope, input.folderId);
  if (target.driveId !== driveId) throw new DomainError("INVALID_INPUT", "Shortcuts go into your own files: choose a folder of My files.");
  const existing = await tx.fileItem.findFirst({ where: { driveId, kind: "SHORTCUT", targetId: item.id, trashedAt: null }, select: { id: true, name: true, parentId: true } });
  if (existing) return { id: existing.id, name: existing.name, folderId: existing.parentId, alreadyThere: true };
  const taken = await namesIn(tx, driveId, target.folderId);
  const name = freeName(item.name, (n) => taken.has(n));
  const shortcut = await withNameCheck(name, () =>
    tx.fileItem.create({
      data: { organizationId: actor.organizationId, driveId, parentId: target.folderId, kind: "SHORTCUT", targetId: item.id, name, createdById: actor.userId },
      select: { id: true },
    }),
  );
  await recordActivity(tx, actor, { action: "shortcut.create", subjectId: shortcut.id, summary: `Added a shortcut to “${item.name}” to My files` });
  return { id: shortcut.id, name, folderId: target.folderId, alreadyThere: false };
}
