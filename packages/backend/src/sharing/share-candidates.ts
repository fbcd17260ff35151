import type { FileScope } from "../files/file-scope";

const CANDIDATES = 10;

/** People (not the actor) and groups of the organization whose name or email contains `query`, for a share dialog's suggestions. */
export async function findShareCandidates({ tx, actor }: FileScope, query: string) {
  // % and _ are searched for as themselves, not as LIKE's wildcards.
  const pattern = query.replace(/[\\%_]/g, "\\$&");
  const contains = { contains: pattern, mode: "insensitive" as const };
  const people = await tx.membership.findMany({
    where: { organizationId: actor.organizationId, userId: { not: actor.userId }, ...(pattern && { user: { OR: [{ name: contains }, { email: contains }] } }) },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    take: CANDIDATES,
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  const groups = await tx.group.findMany({
    where: { organizationId: actor.organizationId, ...(pattern && { name: contains }) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: CANDIDATES,
    select: { id: true, name: true, _count: { select: { members: true } } },
  });
  return {
    people: people.map((p) => ({ ...p.user, role: p.role })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, memberCount: g._count.members })),
  };
}
