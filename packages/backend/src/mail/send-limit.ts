import { DomainError } from "../errors";
import type { MailScope } from "./mail-scope";
import { effectiveMailSettings } from "./mail-settings";

const HOUR_MS = 60 * 60 * 1000;

// The one hourly send limit: MailSettings.sendLimitPerHour messages a person
// may send, where a message counts once for each recipient (To, Cc and Bcc,
// on this install or outside). The limit is there to bound what a stolen
// account or a runaway script can do: fill colleagues' mailboxes, or spend the
// relay's reputation on spam. That harm grows with each copy delivered, not
// with each click on Send: counted per message, the default 200 would let
// 20,000 outside addresses through in an hour (100 to a message). Google
// Workspace counts the same way ("5 emails sent to 10 addresses count as 50");
// someone writing to a few people at a time never meets the limit.
// It is counted per person, not per mailbox: a message from a shared mailbox
// counts for the member who sent it, not for every member. Mail the system
// sends (bounces, notification e-mails) is counted for nobody.

/**
 * Counts a message to `recipients` people against the actor's hourly limit,
 * inside the send's transaction (a send that fails takes its count back), or
 * refuses it with TOO_MANY_REQUESTS, counting nothing. Sends of one person
 * wait for each other here, so two at once cannot both take the last places.
 */
export async function countTowardSendLimit(scope: MailScope, recipients: number): Promise<void> {
  const { tx, actor } = scope;
  const { organizationId, userId } = actor;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`awan mail send ${organizationId}/${userId}`}))`;
  const since = new Date(Date.now() - HOUR_MS);
  // What is older than an hour counts for nothing: it goes as anyone in the organization sends, never waiting on another's send.
  await tx.$executeRaw`DELETE FROM "MailSendRecord" WHERE "id" IN (
    SELECT "id" FROM "MailSendRecord" WHERE "organizationId" = ${organizationId}::uuid AND "createdAt" < ${since} FOR UPDATE SKIP LOCKED)`;
  const { sendLimitPerHour: limit } = await effectiveMailSettings(tx, organizationId);
  const recent = await tx.mailSendRecord.findMany({
    where: { organizationId, userId, createdAt: { gte: since } },
    select: { recipients: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const used = recent.reduce((sum, r) => sum + r.recipients, 0);
  if (used + recipients > limit) throw sendLimitRefusal(recent, used, recipients, limit);
  await tx.mailSendRecord.create({ data: { organizationId, userId, recipients }, select: { id: true } });
}

/** Why a send is refused, and when the person can send it: once enough of the last hour's sends have aged out. */
function sendLimitRefusal(recent: { recipients: number; createdAt: Date }[], used: number, recipients: number, limit: number): DomainError {
  if (recipients > limit) {
    return new DomainError(
      "TOO_MANY_REQUESTS",
      `This message goes to ${recipients} recipients, more than your organization lets one person send to in an hour (${limit}). Send it to fewer people at a time, or ask an administrator to raise the limit.`,
    );
  }
  let left = used;
  let freeAt = Date.now();
  for (const sent of recent) {
    if (left + recipients <= limit) break;
    left -= sent.recipients;
    freeAt = sent.createdAt.getTime() + HOUR_MS;
  }
  const minutes = Math.max(1, Math.ceil((freeAt - Date.now()) / 60_000));
  return new DomainError(
    "TOO_MANY_REQUESTS",
    `You sent to ${used} recipients in the last hour; with this message's ${recipients} that is more than the ${limit} your organization allows an hour. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`,
  );
}
