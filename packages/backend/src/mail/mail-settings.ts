import type { ScopedDb } from "@awan/db";
import { recordActivity } from "../activity/activity-log";
import { formatBytes } from "../files/format-bytes";
import type { Actor } from "../tenancy/memberships";

export type MailSettings = { mailboxQuotaBytes: number; maxMessageBytes: number; sendLimitPerHour: number };

/** What applies while an organization has saved nothing: the schema's defaults (500 MB, 25 MB, 200 an hour). */
export const DEFAULT_MAIL_SETTINGS: MailSettings = { mailboxQuotaBytes: 524_288_000, maxMessageBytes: 26_214_400, sendLimitPerHour: 200 };

/** Bounds an administrator can set: a message fits in a mailbox, and SMTP peers accept the size. */
export const MAIL_SETTINGS_LIMITS = {
  mailboxQuotaBytes: { min: 1024 * 1024, max: 1024 ** 4 },
  maxMessageBytes: { min: 64 * 1024, max: 150 * 1024 * 1024 },
  sendLimitPerHour: { min: 1, max: 10_000 },
} as const;

/** The organization's mail settings, or the defaults when none were saved (reading creates no row). */
export async function effectiveMailSettings(tx: ScopedDb, organizationId: string): Promise<MailSettings & { isDefault: boolean }> {
  const row = await tx.mailSettings.findUnique({
    where: { organizationId },
    select: { mailboxQuotaBytes: true, maxMessageBytes: true, sendLimitPerHour: true },
  });
  if (!row) return { ...DEFAULT_MAIL_SETTINGS, isDefault: true };
  return { mailboxQuotaBytes: Number(row.mailboxQuotaBytes), maxMessageBytes: row.maxMessageBytes, sendLimitPerHour: row.sendLimitPerHour, isDefault: false };
}

/**
 * Saves the settings. A lower quota applies to what arrives next: mailboxes
 * already above it keep their mail and receive nothing until below it.
 */
export async function updateMailSettings(tx: ScopedDb, actor: Actor, input: MailSettings) {
  const data = { mailboxQuotaBytes: BigInt(input.mailboxQuotaBytes), maxMessageBytes: input.maxMessageBytes, sendLimitPerHour: input.sendLimitPerHour };
  await tx.mailSettings.upsert({ where: { organizationId: actor.organizationId }, create: { organizationId: actor.organizationId, ...data }, update: data, select: { organizationId: true } });
  await recordActivity(tx, actor, {
    action: "mail.settings",
    summary: `Set the mailbox quota to ${formatBytes(input.mailboxQuotaBytes)}, the largest message to ${formatBytes(input.maxMessageBytes)} and the send limit to ${input.sendLimitPerHour} an hour`,
  });
  return effectiveMailSettings(tx, actor.organizationId);
}
