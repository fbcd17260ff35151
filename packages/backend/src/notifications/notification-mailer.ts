import { withTenantScope, type Database, type NotificationKind } from "@awan/db";
import { getConfig } from "../config";
import { DomainError } from "../errors";
import { ListenerConnection } from "../events/listener-connection";
import { listOrganizationIds } from "../storage/organizations";
import { sendNotificationEmail, type EmailOutcome, type OwedEmail } from "./notification-email";
import { NOTIFICATION_MAIL_CHANNEL } from "./notification-mail-channel";

/** Claimed at a time; a full batch is followed by the next at once. */
const BATCH = 50;
/**
 * Every organization is looked at this often for copies whose wake-up was
 * missed (this process was down when the notifying transaction committed).
 */
export const NOTIFICATION_MAIL_SWEEP_MS = 10 * 60 * 1000;

/** A copy that failed for a reason that may pass is tried again this much later, doubling each time, this many times in all. */
const RETRY_AFTER_MS = NOTIFICATION_MAIL_SWEEP_MS;
export const EMAIL_ATTEMPTS = 5;

export type NotificationMailReport = { delivered: number; queued: number; failed: number; retrying: number };

type Claimed = { id: string; userId: string; kind: NotificationKind; title: string; link: string; attempts: number };
type Owed = OwedEmail & { attempts: number };

/**
 * Claims owed copies that are due in the organization's scope and clears
 * their mark in the same statement (FOR UPDATE SKIP LOCKED), so that however
 * many console processes run this at once, each copy goes to one of them.
 * The claim commits before anything is sent: a crash in between loses that
 * copy (the notification itself stays in the bell) rather than sending it twice.
 */
async function claimOwedEmails(db: Database, organizationId: string): Promise<Owed[]> {
  return withTenantScope(db, { organizationId }, async (tx) => {
    const claimed = await tx.$queryRaw<Claimed[]>`
      UPDATE "Notification" SET "emailPending" = false
      WHERE "id" IN (
        SELECT "id" FROM "Notification"
        WHERE "organizationId" = ${organizationId}::uuid AND "emailPending" AND ("emailRetryAt" IS NULL OR "emailRetryAt" <= now())
        ORDER BY "createdAt"
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "userId", "kind"::text AS "kind", "title", "link", "emailAttempts" AS "attempts"`;
    if (claimed.length === 0) return [];
    const members = await tx.membership.findMany({
      where: { organizationId, userId: { in: [...new Set(claimed.map((c) => c.userId))] } },
      select: { userId: true, user: { select: { email: true } } },
    });
    const emails = new Map(members.map((m) => [m.userId, m.user.email]));
    return claimed.flatMap(({ userId, ...c }) => {
      const email = emails.get(userId);
      return email ? [{ ...c, organizationId, email }] : [];
    });
  });
}

/** Owes the copy again, for later (RETRY_AFTER_MS, doubling with each try). */
async function retryLater(db: Database, email: Owed): Promise<void> {
  const retryAt = new Date(Date.now() + RETRY_AFTER_MS * 2 ** email.attempts);
  await withTenantScope(db, { organizationId: email.organizationId }, (tx) =>
    tx.notification.updateMany({
      where: { id: email.id, organizationId: email.organizationId },
      data: { emailPending: true, emailAttempts: email.attempts + 1, emailRetryAt: retryAt },
    }),
  );
}

/**
 * Sends the organization's owed notification e-mails that are due. One
 * copy's trouble is logged and counted, never thrown: the action that
 * notified is long done. A copy that failed for a reason that may pass (an
 * error, a full mailbox) is owed again for later, EMAIL_ATTEMPTS tries in all.
 */
export async function sendOwedNotificationEmails(db: Database, organizationId: string): Promise<NotificationMailReport> {
  const report: NotificationMailReport = { delivered: 0, queued: 0, failed: 0, retrying: 0 };
  for (;;) {
    const owed = await claimOwedEmails(db, organizationId);
    for (const email of owed) {
      const outcome = await sendNotificationEmail(db, email).catch((error: unknown): EmailOutcome => {
        console.error(`Notification ${email.id}: sending its e-mail copy failed.`, error);
        return error instanceof DomainError ? "FAILED" : "RETRY"; // a refusal stays one; a fault may pass
      });
      if (outcome === "RETRY" && email.attempts + 1 < EMAIL_ATTEMPTS) {
        await retryLater(db, email);
        report.retrying++;
      } else if (outcome === "DELIVERED") report.delivered++;
      else if (outcome === "QUEUED") report.queued++;
      else report.failed++;
    }
    if (owed.length < BATCH) return report;
  }
}

export type NotificationMailer = {
  /** Resolves when nothing is being sent or waiting to be. */
  idle(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Sends notification e-mails in this process: an organization's at once
 * when a notifying transaction there commits (its NOTIFY), every
 * organization's at start, after a lost connection and every
 * NOTIFICATION_MAIL_SWEEP_MS. Organizations are worked through one at a time.
 * `organizationIds` confines it to those (tests that share a database).
 */
export async function startNotificationMailer(db: Database, options: { organizationIds?: string[]; databaseUrl?: string } = {}): Promise<NotificationMailer> {
  const waiting = new Set<string>();
  let sweepWanted = false;
  let running: Promise<void> | null = null;
  let stopped = false;
  const allowed = (organizationId: string) => !options.organizationIds || options.organizationIds.includes(organizationId);

  const work = async () => {
    while (!stopped && (sweepWanted || waiting.size > 0)) {
      if (sweepWanted) {
        sweepWanted = false;
        const all = options.organizationIds ?? (await listOrganizationIds(db).catch(logFailure("listing organizations")));
        for (const id of all ?? []) waiting.add(id);
      }
      const [organizationId] = waiting;
      if (!organizationId) continue;
      waiting.delete(organizationId);
      const report = await sendOwedNotificationEmails(db, organizationId).catch(logFailure(`organization ${organizationId}`));
      if (report && report.delivered + report.queued + report.failed + report.retrying > 0) console.log(`Notification e-mail: ${JSON.stringify({ organizationId, ...report })}`);
    }
  };
  const kick = () => {
    if (stopped || running) return;
    running = work().finally(() => {
      running = null;
      // Woken while finishing: go again.
      if (sweepWanted || waiting.size > 0) kick();
    });
  };
  const wake = (organizationId: string) => {
    if (!allowed(organizationId)) return;
    waiting.add(organizationId);
    kick();
  };
  const sweep = () => {
    sweepWanted = true;
    kick();
  };

  const listener = new ListenerConnection({
    url: options.databaseUrl ?? getConfig().databaseUrl,
    applicationName: `awan-notification-mail ${process.pid}`,
    onNotification: (_channel, payload) => wake(payload),
    onGap: sweep,
  });
  await listener.listen(NOTIFICATION_MAIL_CHANNEL);
  const timer = setInterval(sweep, NOTIFICATION_MAIL_SWEEP_MS);
  timer.unref();
  sweep();
  return {
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listener.close();
      while (running) await running;
    },
  };
}

function logFailure(what: string) {
  return (error: unknown) => {
    console.error(`Notification e-mail: ${what} failed; the next sweep tries again.`, error);
    return undefined;
  };
}
