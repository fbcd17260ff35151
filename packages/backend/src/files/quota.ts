import type { ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { formatBytes } from "./format-bytes";

/** The organization's file settings, created with the defaults on first use. */
export async function fileSettings(tx: ScopedDb, organizationId: string) {
  const select = { quotaBytes: true, personQuotaBytes: true, keepAllVersionsDays: true, keepVersionsDays: true, usedBytes: true } as const;
  const found = await tx.fileSettings.findUnique({ where: { organizationId }, select });
  if (found) return found;
  await tx.$executeRaw`INSERT INTO "FileSettings" ("organizationId") VALUES (${organizationId}::uuid) ON CONFLICT DO NOTHING`;
  return tx.fileSettings.findUniqueOrThrow({ where: { organizationId }, select });
}

/**
 * Counts `bytes` against the drive's and the organization's quotas, or
 * refuses with QUOTA_EXCEEDED and counts nothing. Each check and increment
 * is one UPDATE, which PostgreSQL re-checks against the row as the last
 * committed writer left it: two uploads that together exceed a quota cannot
 * both get through.
 */
export async function reserveBytes(tx: ScopedDb, organizationId: string, driveId: string, bytes: bigint): Promise<void> {
  if (bytes === 0n) return;
  const settings = await fileSettings(tx, organizationId);
  const drive = await tx.$executeRaw`
    UPDATE "Drive" SET "usedBytes" = "usedBytes" + ${bytes}
    WHERE "id" = ${driveId}::uuid
      AND "usedBytes" + ${bytes} <= coalesce("quotaBytes", ${settings.personQuotaBytes}::bigint, 9223372036854775807)`;
  if (drive === 0) {
    const row = await tx.drive.findUniqueOrThrow({ where: { id: driveId }, select: { usedBytes: true, quotaBytes: true } });
    const quota = row.quotaBytes ?? settings.personQuotaBytes ?? 0n;
    throw new DomainError(
      "QUOTA_EXCEEDED",
      `This needs ${formatBytes(bytes)}, but only ${formatBytes(quota - row.usedBytes)} of your ${formatBytes(quota)} quota is free. Delete files or empty the trash to make room.`,
    );
  }
  const organization = await tx.$executeRaw`
    UPDATE "FileSettings" SET "usedBytes" = "usedBytes" + ${bytes}
    WHERE "organizationId" = ${organizationId}::uuid AND ("quotaBytes" IS NULL OR "usedBytes" + ${bytes} <= "quotaBytes")`;
  if (organization === 0) {
    throw new DomainError("QUOTA_EXCEEDED", "Your organization has used its storage quota. Ask an administrator to raise it, or delete files to make room.");
  }
}

/** How many bytes `rows` (versions, uploads) hold in each drive. */
export function bytesByDrive(rows: { driveId: string; size: bigint | number }[]): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const row of rows) totals.set(row.driveId, (totals.get(row.driveId) ?? 0n) + BigInt(row.size));
  return totals;
}

/** Gives bytes back to the drive's and the organization's quotas. */
export async function releaseBytes(tx: ScopedDb, organizationId: string, driveId: string, bytes: bigint): Promise<void> {
  if (bytes === 0n) return;
  await tx.$executeRaw`UPDATE "Drive" SET "usedBytes" = greatest("usedBytes" - ${bytes}, 0) WHERE "id" = ${driveId}::uuid`;
  await tx.$executeRaw`UPDATE "FileSettings" SET "usedBytes" = greatest("usedBytes" - ${bytes}, 0) WHERE "organizationId" = ${organizationId}::uuid`;
}

/** What the drive holds and may hold, for the usage bars. */
export async function usage(tx: ScopedDb, organizationId: string, driveId: string) {
  const settings = await fileSettings(tx, organizationId);
  const drive = await tx.drive.findUniqueOrThrow({ where: { id: driveId }, select: { usedBytes: true, quotaBytes: true } });
  return {
    drive: { usedBytes: Number(drive.usedBytes), quotaBytes: numberOrNull(drive.quotaBytes ?? settings.personQuotaBytes) },
    organization: { usedBytes: Number(settings.usedBytes), quotaBytes: numberOrNull(settings.quotaBytes) },
  };
}

const numberOrNull = (value: bigint | null) => (value === null ? null : Number(value));
