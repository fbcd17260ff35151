import { DomainError } from "../errors";
import { accessibleMailboxes, type MailScope } from "./mail-scope";
import { effectiveMailSettings } from "./mail-settings";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Refuses a send past MailSettings.sendLimitPerHour, counted from the Sent
 * copies of the last hour in the mailboxes the person sends from (their
 * own and shared ones: a shared mailbox's sends count for each of its
 * members). Sends of one person wait for each other here, so two at once
 * cannot both pass the last free slot.
 */
export async function assertUnderSendLimit(scope: MailScope): Promise<void> {
  const { tx, actor } = scope;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`awan mail send ${actor.organizationId}/${actor.userId}`}))`;
  const { sendLimitPerHour: limit } = await effectiveMailSettings(tx, actor.organizationId);
  const mailboxIds = (await accessibleMailboxes(scope)).map((m) => m.id);
  const sent = await tx.mailMessage.count({
    where: { mailboxId: { in: mailboxIds }, isDraft: false, folder: { role: "SENT" }, receivedAt: { gte: new Date(Date.now() - HOUR_MS) } },
  });
  if (sent >= limit) {
    throw new DomainError("TOO_MANY_REQUESTS", `You sent ${sent} messages in the last hour, the most your organization allows (${limit}). Try again later.`);
  }
}
