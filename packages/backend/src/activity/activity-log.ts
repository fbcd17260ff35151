import type { ScopedDb } from "@awan/db";
import type { Actor } from "../tenancy/memberships";

export type ActivityInput = { action: string; subjectId?: string | null; summary: string };

/**
 * Records who did what in the actor's organization, in the same transaction
 * as the deed. No person (userId null) is someone with a public link, for
 * "link.*" actions, or Awan itself.
 */
export async function recordActivity(tx: ScopedDb, actor: Pick<Actor, "organizationId"> & { userId: string | null }, entries: ActivityInput | ActivityInput[]) {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.activityEntry.createMany({
    data: list.map((e) => ({ organizationId: actor.organizationId, actorId: actor.userId, action: e.action, subjectId: e.subjectId ?? null, summary: e.summary })),
  });
}

const PAGE = 50;

/** The organization's activity, newest first, a page at a time. */
export async function listActivity(tx: ScopedDb, organizationId: string, before?: { createdAt: Date; id: string }) {
  const entries = await tx.activityEntry.findMany({
    where: {
      organizationId,
      ...(before && { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE + 1,
    select: { id: true, action: true, summary: true, createdAt: true, actorId: true },
  });
  const page = entries.slice(0, PAGE);
  const actorIds = [...new Set(page.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const members = await tx.membership.findMany({
    where: { organizationId, userId: { in: actorIds } },
    select: { user: { select: { id: true, name: true } } },
  });
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  return {
    entries: page.map((e) => ({ id: e.id, action: e.action, summary: e.summary, createdAt: e.createdAt, actor: e.actorId ? (names.get(e.actorId) ?? "A former member") : e.action.startsWith("link.") ? "Someone with a link" : "Awan" })),
    hasMore: entries.length > PAGE,
  };
}
