import type { ScopedDb, UploadConflict } from "@awan/db";
import type { AfterCommit } from "../after-commit";
import { recordActivity } from "../activity/activity-log";
import { getFilesConfig } from "../config";
import { DomainError } from "../errors";
import { createPendingBlob, sealBlob } from "../storage";
import { findTargetFolder, type FileScope } from "./file-scope";
import { formatBytes } from "./format-bytes";
import { checkName } from "./names";
import { liveFolderOrTop, placeFile } from "./place-file";
import { releaseBytes, reserveBytes } from "./quota";
import { deleteBlobsLater } from "./trash";

export type CreateUploadInput = { folderId: string | null; name: string; length: number; contentType: string | null; onConflict: UploadConflict };

/**
 * Starts a resumable upload: checks the name and the declared length, counts
 * the length against the quotas (so nothing is stored that would not fit),
 * and opens a pending blob for the bytes.
 */
export async function createUpload(scope: FileScope, input: CreateUploadInput) {
  const { tx, actor } = scope;
  const name = checkName(input.name);
  checkUploadLength(name, input.length);
  const target = await findTargetFolder(scope, input.folderId, "upload");
  // Someone who may only add to a folder learns nothing of what is in it and overwrites nothing.
  const onConflict = target.access.view ? input.onConflict : "KEEP_BOTH";
  const existing = await tx.fileItem.findFirst({ where: { driveId: target.driveId, parentId: target.folderId, name, trashedAt: null }, select: { kind: true } });
  if (existing?.kind === "FOLDER" && onConflict === "FAIL") {
    throw new DomainError("CONFLICT", `A folder named “${name}” is already in this folder. Keep both to upload the file under another name.`);
  }
  if (existing && onConflict === "FAIL") throw new DomainError("CONFLICT", `Something named “${name}” is already in this folder.`);
  if (existing?.kind === "FOLDER" && onConflict === "REPLACE") throw new DomainError("CONFLICT", `“${name}” is a folder here; a file cannot replace it.`);
  return openPendingUpload(tx, {
    organizationId: actor.organizationId,
    driveId: target.driveId,
    userId: actor.userId,
    parentId: target.folderId,
    name,
    length: input.length,
    contentType: input.contentType,
    onConflict,
  });
}

/** Refuses a declared length that is not a byte count, or more than one file may hold here. */
export function checkUploadLength(name: string, length: number): void {
  const { maxUploadBytes } = getFilesConfig();
  if (!Number.isSafeInteger(length) || length < 0) throw new DomainError("INVALID_INPUT", "The upload must declare its length in bytes.");
  if (length > maxUploadBytes) throw new DomainError("INVALID_INPUT", `“${name}” is ${formatBytes(length)}; files can be at most ${formatBytes(maxUploadBytes)} here.`);
}

/** An upload about to receive its bytes: where it goes, who it is filed as, and what to do on a name clash. */
export type PendingUpload = {
  organizationId: string;
  driveId: string;
  userId: string;
  parentId: string | null;
  name: string;
  length: number;
  contentType: string | null;
  onConflict: UploadConflict;
};

/**
 * Counts the upload's length against the quotas (QUOTA_EXCEEDED if it would
 * not fit, before a byte is stored), opens a pending blob for its bytes and
 * records the upload, which expires unless it is touched or completed.
 */
export async function openPendingUpload(tx: ScopedDb, upload: PendingUpload, now = new Date()) {
  await reserveBytes(tx, upload.organizationId, upload.driveId, BigInt(upload.length));
  const blobId = await createPendingBlob(tx, upload.organizationId);
  const { organizationId, driveId, userId, parentId, name, contentType, onConflict } = upload;
  const { id } = await tx.upload.create({
    data: { organizationId, driveId, userId, parentId, name, length: BigInt(upload.length), contentType, onConflict, blobId, expiresAt: expiryFrom(now) },
    select: { id: true },
  });
  return { uploadId: id, blobId };
}

/** What a client asked for when the name is taken; unset is FAIL. */
export function conflictPolicy(value: string | null | undefined): UploadConflict {
  if (value === undefined || value === null || value === "") return "FAIL";
  if (value === "REPLACE" || value === "KEEP_BOTH" || value === "FAIL") return value;
  throw new DomainError("INVALID_INPUT", "onConflict must be FAIL, REPLACE or KEEP_BOTH.");
}

const expiryFrom = (now: Date) => new Date(now.getTime() + getFilesConfig().uploadExpiryHours * 3600_000);

/** The actor's upload and how far it got, or NOT_FOUND. */
export async function findUpload({ tx, actor }: Pick<FileScope, "tx" | "actor">, uploadId: string) {
  const upload = await tx.upload.findFirst({
    where: { id: uploadId, userId: actor.userId },
    select: { id: true, blobId: true, length: true, name: true, blob: { select: { size: true } } },
  });
  if (!upload) throw new DomainError("NOT_FOUND", "This upload does not exist any more. Start it again.");
  return { id: upload.id, blobId: upload.blobId, name: upload.name, length: Number(upload.length), offset: Number(upload.blob.size) };
}

/** Keeps an upload that is still receiving bytes from expiring. */
export async function touchUpload({ tx }: Pick<FileScope, "tx">, uploadId: string) {
  await tx.upload.update({ where: { id: uploadId }, data: { expiresAt: expiryFrom(new Date()) } });
}

/**
 * Turns a fully received upload into a file, or a new version of the file of
 * that name when the uploader chose to replace it. A name taken meanwhile
 * gets " (2)"; a target folder trashed meanwhile gives way to the top of the drive.
 */
export async function completeUpload(scope: FileScope, uploadId: string) {
  const { tx, actor } = scope;
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Upload" WHERE "id" = ${uploadId}::uuid AND "userId" = ${actor.userId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new DomainError("NOT_FOUND", "This upload has already finished or was cancelled.");
  const upload = await tx.upload.findUniqueOrThrow({ where: { id: uploadId }, include: { drive: { select: { ownerUserId: true } } } });
  // Into someone else's folder only while it is still shared with the uploader.
  if (upload.drive.ownerUserId !== actor.userId) await findTargetFolder(scope, upload.parentId, "upload");
  await sealBlob(tx, actor.organizationId, upload.blobId, Number(upload.length));
  await tx.upload.delete({ where: { id: uploadId } });

  const placed = await placeFile(scope, { ...upload, parentId: await liveFolderOrTop(scope, upload.parentId), size: upload.length });
  await recordActivity(tx, actor, {
    action: "file.upload",
    subjectId: placed.fileId,
    summary: placed.replaced ? `Uploaded a new version of “${placed.name}”` : `Uploaded “${placed.name}”`,
  });
  return { fileId: placed.fileId, name: placed.name };
}

/** Drops an upload: its bytes go, and its reservation is given back. */
export async function cancelUpload(scope: FileScope, uploadId: string) {
  const upload = await scope.tx.upload.findFirst({ where: { id: uploadId, userId: scope.actor.userId }, select: { id: true } });
  if (!upload) throw new DomainError("NOT_FOUND", "This upload has already finished or was cancelled.");
  await dropUploads(scope.tx, scope.actor.organizationId, [uploadId], scope.afterCommit);
}

export async function dropUploads(tx: ScopedDb, organizationId: string, uploadIds: string[], afterCommit: AfterCommit) {
  const uploads = await tx.upload.findMany({ where: { id: { in: uploadIds } }, select: { id: true, driveId: true, length: true, blobId: true } });
  await tx.upload.deleteMany({ where: { id: { in: uploads.map((u) => u.id) } } });
  for (const u of uploads) await releaseBytes(tx, organizationId, u.driveId, u.length);
  deleteBlobsLater(organizationId, uploads.map((u) => u.blobId), afterCommit);
}
