import type { NotificationKind, ScopedDb } from "@awan/db";
import { publishEvent } from "../events/publish-event";
import { notificationsChanged } from "./notification-events";
import { NOTIFICATION_MAIL_CHANNEL } from "./notification-mail-channel";

export type NewNotification = {
  userId: string;
  kind: NotificationKind;
  /** Who caused it; never notified of their own doing. */
  actorId: string | null;
  /** Names and places, never a message's text, e.g. "Ana mentioned you in #design". */
  title: string;
  /** The console path it opens. */
  link: string;
};

/**
 * Records notifications in the caller's transaction (they appear only if it
 * commits) and tells each recipient's open tabs. A recipient who chose the
 * kind for e-mail gets the row marked as owing a copy; the mailer
 * (notification-mailer.ts) hears of it only when the transaction commits and
 * sends it then, so nothing is sent for an action that rolled back and no
 * mail or storage work runs inside the caller's transaction.
 */
export async function notify(tx: ScopedDb, organizationId: string, notifications: NewNotification[]): Promise<void> {
  const wanted = notifications.filter((n) => n.userId !== n.actorId);
  if (wanted.length === 0) return;
  const recipients = [...new Set(wanted.map((n) => n.userId))];
  const preferences = await tx.notificationPreference.findMany({
    where: { organizationId, userId: { in: recipients }, NOT: { emailKinds: { isEmpty: true } } },
    select: { userId: true, emailKinds: true },
  });
  const byEmail = new Map(preferences.map((p) => [p.userId, new Set(p.emailKinds)]));
  const rows = wanted.map((n) => ({ organizationId, ...n, emailPending: byEmail.get(n.userId)?.has(n.kind) ?? false }));
  await tx.notification.createMany({ data: rows });
  for (const userId of recipients) {
    await publishEvent(tx, notificationsChanged, { organizationId, data: { userId } });
  }
  // Delivered by PostgreSQL at commit, never on rollback.
  if (rows.some((r) => r.emailPending)) await tx.$executeRaw`SELECT pg_notify(${NOTIFICATION_MAIL_CHANNEL}, ${organizationId})`;
}
