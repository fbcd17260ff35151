import { withTenantScope, type Database, type NotificationKind } from "@awan/db";
import { getConfig } from "../config";
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

export type NotificationMailReport = { delivered: number; queued: number; failed: number };

type Claimed = { id: string; userId: string; kind: NotificationKind; title: string; link: string };

/**
 * Claims owed copies in the organization's scope and clears their mark in the
 * same statement (FOR UPDATE SKIP LOCKED), so that however many console
 * processes run this at once, each copy goes to one of them. The claim
 * commits before anything is sent: a crash in between loses that copy (the
 * notification itself stays in the bell) rather than sending it twice.
 */
async function claimOwedEmails(db: Database, organizationId: string): Promise<OwedEmail[]> {
  return withTenantScope(db, { organizationId }, async (tx) => {
    const claimed = await tx.$queryRaw<Claimed[]>`
      UPDATE "Notification" SET "emailPending" = false
      WHERE "id" IN (
        SELECT "id" FROM "Notification"
        WHERE "organizationId" = ${organizationId}::uuid AND "emailPending"
        ORDER BY "createdAt"
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "userId", "kind"::text AS "kind", "title", "link"`;
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

/**
 * Sends the organization's owed notification e-mails. One copy's trouble is
 * logged and counted, never thrown: the action that notified is long done.
 */
export async function sendOwedNotificationEmails(db: Database, organizationId: string): Promise<NotificationMailReport> {
  const report: NotificationMailReport = { delivered: 0, queued: 0, failed: 0 };
  const count: Record<EmailOutcome, keyof NotificationMailReport> = { DELIVERED: "delivered", QUEUED: "queued", FAILED: "failed" };
  for (;;) {
    const owed = await claimOwedEmails(db, organizationId);
    for (const email of owed) {
      const outcome = await sendNotificationEmail(db, email).catch((error: unknown): EmailOutcome => {
        console.error(`Notification ${email.id}: sending its e-mail copy failed.`, error);
        return "FAILED";
      });
      report[count[outcome]]++;
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
      if (report && report.delivered + report.queued + report.failed > 0) console.log(`Notification e-mail: ${JSON.stringify({ organizationId, ...report })}`);
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
