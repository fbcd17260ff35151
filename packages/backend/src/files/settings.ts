import type { ScopedDb } from "@awan/db";
import { recordActivity } from "../activity/activity-log";
import type { Actor } from "../tenancy/memberships";
import { formatBytes } from "./format-bytes";
import { fileSettings } from "./quota";

export type FileSettingsInput = {
  quotaBytes: number | null;
  personQuotaBytes: number | null;
  keepAllVersionsDays: number;
  keepVersionsDays: number | null;
  linkPasswordRequired?: boolean;
  linkMaxExpiryDays?: number | null;
};

/** What public links must respect in the organization (sharing/links checks it when a link is made or changed). */
export async function linkPolicy(tx: ScopedDb, organizationId: string) {
  await fileSettings(tx, organizationId);
  return tx.fileSettings.findUniqueOrThrow({ where: { organizationId }, select: { linkPasswordRequired: true, linkMaxExpiryDays: true } });
}

export async function getFileSettings(tx: ScopedDb, organizationId: string) {
  const s = await fileSettings(tx, organizationId);
  return {
    quotaBytes: s.quotaBytes === null ? null : Number(s.quotaBytes),
    personQuotaBytes: s.personQuotaBytes === null ? null : Number(s.personQuotaBytes),
    keepAllVersionsDays: s.keepAllVersionsDays,
    keepVersionsDays: s.keepVersionsDays,
    usedBytes: Number(s.usedBytes),
    ...(await linkPolicy(tx, organizationId)),
  };
}

/** Quotas apply to what is stored next; what is already stored stays even when above a lowered quota. */
export async function updateFileSettings(tx: ScopedDb, actor: Actor, input: FileSettingsInput) {
  await fileSettings(tx, actor.organizationId);
  await tx.fileSettings.update({
    where: { organizationId: actor.organizationId },
    data: {
      quotaBytes: input.quotaBytes === null ? null : BigInt(input.quotaBytes),
      personQuotaBytes: input.personQuotaBytes === null ? null : BigInt(input.personQuotaBytes),
      keepAllVersionsDays: input.keepAllVersionsDays,
      keepVersionsDays: input.keepVersionsDays,
      ...(input.linkPasswordRequired !== undefined && { linkPasswordRequired: input.linkPasswordRequired }),
      ...(input.linkMaxExpiryDays !== undefined && { linkMaxExpiryDays: input.linkMaxExpiryDays }),
    },
  });
  const quota = (bytes: number | null) => (bytes === null ? "no limit" : formatBytes(bytes));
  await recordActivity(tx, actor, {
    action: "files.settings",
    summary: `Set the file quotas (organization: ${quota(input.quotaBytes)}, per person: ${quota(input.personQuotaBytes)}) and version retention${linkPolicyText(input)}`,
  });
  return getFileSettings(tx, actor.organizationId);
}

function linkPolicyText({ linkPasswordRequired, linkMaxExpiryDays }: FileSettingsInput): string {
  if (linkPasswordRequired === undefined && linkMaxExpiryDays === undefined) return "";
  const expiry = linkMaxExpiryDays ? `expire within ${linkMaxExpiryDays} days` : "may last without end";
  return `; public links ${linkPasswordRequired ? "need a password and " : ""}${expiry}`;
}
