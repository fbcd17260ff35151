import type { NotificationKind, ScopedDb } from "@awan/db";
import { publishEvent } from "../events/publish-event";
import { notificationsChanged } from "./notification-events";

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
 * commits) and tells each recipient's open tabs.
 */
export async function notify(tx: ScopedDb, organizationId: string, notifications: NewNotification[]): Promise<void> {
  const wanted = notifications.filter((n) => n.userId !== n.actorId);
  if (wanted.length === 0) return;
  await tx.notification.createMany({ data: wanted.map((n) => ({ organizationId, ...n })) });
  for (const userId of new Set(wanted.map((n) => n.userId))) {
    await publishEvent(tx, notificationsChanged, { organizationId, data: { userId } });
  }
}
