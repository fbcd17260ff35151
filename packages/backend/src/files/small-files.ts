import type { UploadConflict } from "@awan/db";
import { recordActivity } from "../activity/activity-log";
import { DomainError } from "../errors";
import { findTargetFolder, type FileScope } from "./file-scope";
import { BATCH_MAX_BYTES, BATCH_MAX_FILES, SMALL_FILE_MAX_BYTES } from "./batch-limits";
import { formatBytes } from "./format-bytes";
import { checkName } from "./names";
import { liveFolderOrTop, placeFile, placeNewFiles } from "./place-file";
import { bytesByDrive, reserveBytes } from "./quota";


export type BatchEntry = { name: string; folderId: string | null; contentType: string | null; size: number };
export type CheckedEntry = BatchEntry & { driveId: string };

/**
 * Checks a batch of small files before any byte of it is stored: sizes,
 * names, target folders, and names the uploader asked not to overwrite.
 * Returns the entries with their names normalized.
 */
export async function checkBatch(scope: FileScope, entries: BatchEntry[], onConflict: UploadConflict): Promise<CheckedEntry[]> {
  if (entries.length === 0 || entries.length > BATCH_MAX_FILES) throw new DomainError("INVALID_INPUT", `A batch holds 1 to ${BATCH_MAX_FILES} files.`);
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > BATCH_MAX_BYTES) throw new DomainError("INVALID_INPUT", `A batch holds at most ${formatBytes(BATCH_MAX_BYTES)}.`);
  const folders = new Map<string | null, Awaited<ReturnType<typeof findTargetFolder>>>();
  const seen = new Set<string>();
  const checked: CheckedEntry[] = [];
  for (const entry of entries) {
    const name = checkName(entry.name);
    if (entry.size > SMALL_FILE_MAX_BYTES) throw new DomainError("INVALID_INPUT", `“${name}” is too large for a batch; upload it on its own.`);
    let folder = folders.get(entry.folderId);
    if (!folder) folders.set(entry.folderId, (folder = await findTargetFolder(scope, entry.folderId, "upload")));
    if (!folder.access.view && onConflict !== "KEEP_BOTH") {
      throw new DomainError("INVALID_INPUT", "In a folder you can only add to, uploads keep both files when a name is taken (onConflict KEEP_BOTH).");
    }
    const key = `${folder.folderId}/${name}`;
    if (seen.has(key) && onConflict !== "KEEP_BOTH") throw new DomainError("CONFLICT", `“${name}” is twice in this upload.`);
    seen.add(key);
    checked.push({ ...entry, name, driveId: folder.driveId, folderId: folder.folderId });
  }
  if (onConflict === "FAIL") {
    for (const { driveId, folderId } of folders.values()) {
      const names = checked.filter((e) => e.folderId === folderId).map((e) => e.name);
      const taken = await scope.tx.fileItem.findFirst({ where: { driveId, parentId: folderId, name: { in: names }, trashedAt: null }, select: { name: true } });
      if (taken) throw new DomainError("CONFLICT", `Something named “${taken.name}” is already in this folder.`);
    }
  }
  return checked;
}

/**
 * Files a stored batch and counts it against the quotas: all of it lands,
 * or none. New names go in with a few statements per folder; only
 * names that clash (taken meanwhile, or to be replaced) are filed one by one.
 */
export async function placeBatch(scope: FileScope, entries: (CheckedEntry & { blobId: string })[], onConflict: UploadConflict) {
  type Stored = CheckedEntry & { blobId: string };
  const byFolder = new Map<string | null, Stored[]>();
  for (const e of entries) {
    if (!byFolder.has(e.folderId)) byFolder.set(e.folderId, []);
    byFolder.get(e.folderId)!.push(e);
  }
  const placed: { fileId: string; name: string }[] = [];
  for (const [folderId, group] of byFolder) {
    const driveId = group[0]!.driveId;
    const parentId = await liveFolderOrTop(scope, folderId);
    const taken = await scope.tx.fileItem.findMany({ where: { driveId, parentId, name: { in: group.map((e) => e.name) }, trashedAt: null }, select: { name: true } });
    const names = new Set(taken.map((t) => t.name));
    // Free names all go in together; a taken one (or one twice in the batch) is filed by itself.
    const fresh: Stored[] = [];
    const clashing: Stored[] = [];
    for (const entry of group) {
      (names.has(entry.name) ? clashing : fresh).push(entry);
      names.add(entry.name);
    }
    const content = (e: Stored) => ({ name: e.name, contentType: e.contentType, blobId: e.blobId, size: BigInt(e.size) });
    placed.push(...(await placeNewFiles(scope, driveId, parentId, fresh.map(content))));
    for (const entry of clashing) placed.push(await placeFile(scope, { ...content(entry), driveId, parentId, onConflict }));
  }
  const summary = placed.length === 1 ? `Uploaded “${placed[0]!.name}”` : `Uploaded ${placed.length} files`;
  await recordActivity(scope.tx, scope.actor, { action: "file.upload", subjectId: placed.length === 1 ? placed[0]!.fileId : null, summary });
  // Last: the quota rows stay locked until the commit, so concurrent batches queue on them only that briefly.
  for (const [driveId, bytes] of bytesByDrive(entries)) await reserveBytes(scope.tx, scope.actor.organizationId, driveId, bytes);
  return placed;
}
