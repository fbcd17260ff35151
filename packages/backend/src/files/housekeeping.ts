import type { Database, ScopedDb } from "@awan/db";
import { withAfterCommit, type AfterCommit } from "../after-commit";
import { getFilesConfig } from "../config";
import { listOrganizationIds } from "../storage/organizations";
import { bytesByDrive, fileSettings, releaseBytes } from "./quota";
import { deleteBlobsLater, destroyItems } from "./trash";
import { dropUploads } from "./uploads";

const DAY = 24 * 3600_000;

export type HousekeepingReport = { trashPurged: number; uploadsExpired: number; versionsThinned: number; failedOrganizations: number };

/**
 * The files domain's periodic job, in every organization: deletes what has
 * been in the trash longer than AWAN_TRASH_DAYS, drops uploads nobody
 * resumed, and thins old versions by the organization's retention policy.
 */
export async function runFileHousekeeping(db: Database, now = new Date()): Promise<HousekeepingReport> {
  const report: HousekeepingReport = { trashPurged: 0, uploadsExpired: 0, versionsThinned: 0, failedOrganizations: 0 };
  for (const organizationId of await listOrganizationIds(db)) {
    // One organization's trouble must not keep every other one from being cleaned up.
    await withAfterCommit(db, { organizationId }, async (tx, afterCommit) => {
      const done = {
        trashPurged: await purgeTrash(tx, organizationId, now, afterCommit),
        uploadsExpired: await expireUploads(tx, organizationId, now, afterCommit),
        versionsThinned: await thinVersions(tx, organizationId, now, afterCommit),
      };
      report.trashPurged += done.trashPurged;
      report.uploadsExpired += done.uploadsExpired;
      report.versionsThinned += done.versionsThinned;
    }).catch((error: unknown) => {
      report.failedOrganizations += 1;
      console.error(`File housekeeping of organization ${organizationId} failed:`, error);
    });
  }
  return report;
}

async function purgeTrash(tx: ScopedDb, organizationId: string, now: Date, afterCommit: AfterCommit): Promise<number> {
  const cutoff = new Date(now.getTime() - getFilesConfig().trashDays * DAY);
  const old = await tx.fileItem.findMany({ where: { organizationId, trashedAt: { lt: cutoff } }, select: { id: true } });
  await destroyItems(tx, organizationId, old.map((item) => item.id), afterCommit);
  return old.length;
}

async function expireUploads(tx: ScopedDb, organizationId: string, now: Date, afterCommit: AfterCommit): Promise<number> {
  const expired = await tx.upload.findMany({ where: { organizationId, expiresAt: { lt: now } }, select: { id: true } });
  await dropUploads(tx, organizationId, expired.map((u) => u.id), afterCommit);
  return expired.length;
}

/**
 * Every version younger than keepAllVersionsDays stays; after that, the
 * newest of each day stays until keepVersionsDays; older ones go. A file's
 * current version always stays.
 */
export async function thinVersions(tx: ScopedDb, organizationId: string, now: Date, afterCommit: AfterCommit): Promise<number> {
  const policy = await fileSettings(tx, organizationId);
  const keepAllSince = new Date(now.getTime() - policy.keepAllVersionsDays * DAY);
  const keepNoneBefore = policy.keepVersionsDays === null ? null : new Date(now.getTime() - policy.keepVersionsDays * DAY);
  const doomed = await tx.$queryRaw<{ id: string; blobId: string; size: bigint; driveId: string }[]>`
    SELECT v."id", v."blobId", v."size", i."driveId"
    FROM "FileVersion" v JOIN "FileItem" i ON i."id" = v."fileId"
    WHERE v."organizationId" = ${organizationId}::uuid
      AND v."id" IS DISTINCT FROM i."currentVersionId"
      AND v."createdAt" < ${keepAllSince}
      AND ((${keepNoneBefore}::timestamp IS NOT NULL AND v."createdAt" < ${keepNoneBefore}::timestamp)
           OR v."id" NOT IN (
             SELECT DISTINCT ON (d."fileId", date_trunc('day', d."createdAt")) d."id"
             FROM "FileVersion" d WHERE d."organizationId" = ${organizationId}::uuid
             ORDER BY d."fileId", date_trunc('day', d."createdAt"), d."createdAt" DESC))`;
  if (doomed.length === 0) return 0;
  await tx.fileVersion.deleteMany({ where: { id: { in: doomed.map((v) => v.id) } } });
  for (const [driveId, bytes] of bytesByDrive(doomed)) await releaseBytes(tx, organizationId, driveId, bytes);
  deleteBlobsLater(organizationId, doomed.map((v) => v.blobId), afterCommit);
  return doomed.length;
}
