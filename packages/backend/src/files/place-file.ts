import crypto from "node:crypto";
import type { UploadConflict } from "@awan/db";
import { namesIn, pathOf, type FileScope } from "./file-scope";
import { withNameCheck } from "./folders";
import { freeName } from "./names";
import { addVersion } from "./versions";

export type StoredContent = {
  driveId: string;
  parentId: string | null;
  name: string;
  contentType: string | null;
  onConflict: UploadConflict;
  blobId: string;
  size: bigint;
};

/** The folder to put finished content in: its own, or the top of the drive if that folder went to the trash meanwhile. */
export async function liveFolderOrTop({ tx }: Pick<FileScope, "tx">, folderId: string | null): Promise<string | null> {
  if (folderId === null) return null;
  return (await pathOf(tx, folderId)).some((p) => p.trashedAt) ? null : folderId;
}

/**
 * Files stored content under its name: a new version of the file of that
 * name when the uploader chose to replace it, else a new file, under a free
 * name (" (2)") if the name was taken meanwhile.
 */
export async function placeFile({ tx, actor }: FileScope, content: StoredContent): Promise<{ fileId: string; name: string; replaced: boolean }> {
  const { driveId, parentId } = content;
  const version = { organizationId: actor.organizationId, userId: actor.userId, blobId: content.blobId, size: content.size };
  const same = await tx.fileItem.findFirst({ where: { driveId, parentId, name: content.name, trashedAt: null }, select: { id: true, kind: true } });
  if (same?.kind === "FILE" && content.onConflict === "REPLACE") {
    await addVersion(tx, { ...version, fileId: same.id });
    await tx.fileItem.update({ where: { id: same.id }, data: { contentType: content.contentType } });
    return { fileId: same.id, name: content.name, replaced: true };
  }
  // Only on a clash are the folder's names read, to find a free one.
  const taken = same ? await namesIn(tx, driveId, parentId) : new Set<string>();
  const name = same ? freeName(content.name, (n) => taken.has(n)) : content.name;
  const file = await withNameCheck(name, () =>
    tx.fileItem.create({
      data: { organizationId: actor.organizationId, driveId, parentId, kind: "FILE", name, contentType: content.contentType, createdById: actor.userId },
      select: { id: true },
    }),
  );
  await addVersion(tx, { ...version, fileId: file.id });
  return { fileId: file.id, name, replaced: false };
}

export type NewFile = { name: string; contentType: string | null; blobId: string; size: bigint };

/**
 * Files many new contents into one folder in a few statements, whatever
 * their number (a folder upload): the names must be free, which the caller
 * has checked in the same transaction; the live-name index refuses a race.
 */
export async function placeNewFiles({ tx, actor }: FileScope, driveId: string, parentId: string | null, files: NewFile[]): Promise<{ fileId: string; name: string }[]> {
  if (files.length === 0) return [];
  const { organizationId, userId } = actor;
  const now = new Date();
  const rows = files.map((file) => ({ ...file, fileId: crypto.randomUUID(), versionId: crypto.randomUUID() }));
  // Arrays in one statement per table: a folder of small files costs a few statements, not a few per file.
  await withNameCheck(files[0]!.name, () => tx.$executeRaw`
    INSERT INTO "FileItem" ("id", "organizationId", "driveId", "parentId", "kind", "name", "contentType", "size", "createdById", "createdAt", "modifiedAt")
    SELECT r.id, ${organizationId}::uuid, ${driveId}::uuid, ${parentId}::uuid, 'FILE', r.name, r.content_type, r.size, ${userId}::uuid, ${now}, ${now}
    FROM unnest(${rows.map((r) => r.fileId)}::uuid[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.contentType)}::text[], ${rows.map((r) => r.size)}::bigint[])
      AS r(id, name, content_type, size)`);
  await tx.$executeRaw`
    INSERT INTO "FileVersion" ("id", "organizationId", "fileId", "blobId", "size", "createdById", "createdAt")
    SELECT r.id, ${organizationId}::uuid, r.file_id, r.blob_id, r.size, ${userId}::uuid, ${now}
    FROM unnest(${rows.map((r) => r.versionId)}::uuid[], ${rows.map((r) => r.fileId)}::uuid[], ${rows.map((r) => r.blobId)}::uuid[], ${rows.map((r) => r.size)}::bigint[])
      AS r(id, file_id, blob_id, size)`;
  await tx.$executeRaw`
    UPDATE "FileItem" SET "currentVersionId" = v.version_id
    FROM unnest(${rows.map((r) => r.fileId)}::uuid[], ${rows.map((r) => r.versionId)}::uuid[]) AS v(file_id, version_id)
    WHERE "FileItem"."id" = v.file_id`;
  return rows.map((r) => ({ fileId: r.fileId, name: r.name }));
}
