import { DomainError } from "../errors";
import { publishEvent } from "../events/publish-event";
import { notificationsChanged } from "./notification-events";
import type { NotificationScope } from "./notification-scope";

export const NOTIFICATIONS_PAGE = 20;

const mine = ({ actor }: NotificationScope) => ({ organizationId: actor.organizationId, userId: actor.userId });

/**
 * The actor's notifications, newest first, a page at a time: `before` is the
 * last one of the page before (by time, then id, so equal times neither
 * repeat nor drop out between pages).
 */
export async function listNotifications(scope: NotificationScope, before?: { createdAt: Date; id: string }) {
  const rows = await scope.tx.notification.findMany({
    where: { ...mine(scope), ...(before && { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTIFICATIONS_PAGE + 1,
    select: { id: true, kind: true, title: true, link: true, actorId: true, readAt: true, createdAt: true },
  });
  const page = rows.slice(0, NOTIFICATIONS_PAGE);
  const actorIds = [...new Set(page.flatMap((n) => (n.actorId ? [n.actorId] : [])))];
  const members = await scope.tx.membership.findMany({
    where: { organizationId: scope.actor.organizationId, userId: { in: actorIds } },
    select: { user: { select: { id: true, name: true } } },
  });
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  const last = page.at(-1);
  return {
    notifications: page.map(({ actorId, ...n }) => ({ ...n, actor: actorId ? { id: actorId, name: names.get(actorId) ?? "A former member" } : null })),
    nextCursor: rows.length > NOTIFICATIONS_PAGE && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

export async function countUnread(scope: NotificationScope): Promise<number> {
  return scope.tx.notification.count({ where: { ...mine(scope), readAt: null } });
}

/**
 * Marks some of the actor's notifications read, all or none: an id that is
 * not theirs (another person's, another organization's, or gone) is
 * NOT_FOUND and changes nothing. Their other tabs hear of it.
 */
export async function markNotificationsRead(scope: NotificationScope, ids: string[]): Promise<{ marked: number }> {
  const wanted = [...new Set(ids)];
  const found = await scope.tx.notification.count({ where: { ...mine(scope), id: { in: wanted } } });
  if (found !== wanted.length) throw new DomainError("NOT_FOUND", "This notification does not exist any more.");
  const { count } = await scope.tx.notification.updateMany({ where: { ...mine(scope), id: { in: wanted }, readAt: null }, data: { readAt: new Date() } });
  if (count > 0) await tellOtherTabs(scope);
  return { marked: count };
}

export async function markAllNotificationsRead(scope: NotificationScope): Promise<{ marked: number }> {
  const { count } = await scope.tx.notification.updateMany({ where: { ...mine(scope), readAt: null }, data: { readAt: new Date() } });
  if (count > 0) await tellOtherTabs(scope);
  return { marked: count };
}

function tellOtherTabs({ tx, actor }: NotificationScope) {
  return publishEvent(tx, notificationsChanged, { organizationId: actor.organizationId, data: { userId: actor.userId } });
}
