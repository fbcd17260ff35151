import type { ScopedDb } from "@awan/db";
import { recordActivity } from "../activity/activity-log";
import { cloneBlob } from "../storage";
import { DomainError } from "../errors";
import { findItem, type FileScope } from "./file-scope";
import { reserveBytes } from "./quota";

/** Makes a stored blob the file's current version; the previous one stays in the history. */
export async function addVersion(tx: ScopedDb, input: { organizationId: string; userId: string; fileId: string; blobId: string; size: bigint }) {
  const version = await tx.fileVersion.create({
    data: { organizationId: input.organizationId, fileId: input.fileId, blobId: input.blobId, size: input.size, createdById: input.userId },
    select: { id: true },
  });
  await tx.fileItem.update({ where: { id: input.fileId }, data: { currentVersionId: version.id, size: input.size, modifiedAt: new Date() } });
  return version.id;
}

export async function listVersions(scope: FileScope, fileId: string) {
  const file = await findItem(scope, fileId, "live", "FILE", "view");
  const versions = await scope.tx.fileVersion.findMany({
    where: { fileId: file.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, size: true, createdAt: true, createdById: true },
  });
  const people = await scope.tx.membership.findMany({
    where: { organizationId: scope.actor.organizationId, userId: { in: [...new Set(versions.map((v) => v.createdById))] } },
    select: { user: { select: { id: true, name: true } } },
  });
  const names = new Map(people.map((p) => [p.user.id, p.user.name]));
  return versions.map((v) => ({
    id: v.id,
    size: Number(v.size),
    createdAt: v.createdAt,
    createdBy: names.get(v.createdById) ?? "A former member",
    current: v.id === file.currentVersionId,
  }));
}

/**
 * Restores an older version by making a copy of it the newest one, so the
 * history keeps every state, including the one being replaced. No bytes are
 * copied: the new version shares the old one's chunks.
 */
export async function restoreVersion(scope: FileScope, input: { fileId: string; versionId: string }) {
  const file = await findItem(scope, input.fileId, "live", "FILE");
  const version = await scope.tx.fileVersion.findFirst({ where: { id: input.versionId, fileId: file.id }, select: { blobId: true, size: true, createdAt: true } });
  if (!version) throw new DomainError("NOT_FOUND", "This version does not exist any more.");
  if (input.versionId === file.currentVersionId) return;
  await reserveBytes(scope.tx, scope.actor.organizationId, file.driveId, version.size);
  const blobId = await cloneBlob(scope.tx, scope.actor.organizationId, version.blobId);
  await addVersion(scope.tx, { ...scope.actor, fileId: file.id, blobId, size: version.size });
  await recordActivity(scope.tx, scope.actor, {
    action: "file.restore-version",
    subjectId: file.id,
    summary: `Restored “${file.name}” to its version of ${version.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
  });
}
