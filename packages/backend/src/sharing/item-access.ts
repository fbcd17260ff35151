import { findItem, type FileScope } from "../files/file-scope";
import type { ShareRole } from "./share-roles";

type Recipient =
  | { type: "user"; id: string; name: string; email: string }
  | { type: "group"; id: string; name: string; memberCount: number };

/**
 * Who has access to an item: its owner, the shares on it, and those on the
 * folders above it that reach it too (each saying which folder it is on).
 * Anyone who can see the item may look; only its owner and editors may
 * change it. Someone who reaches the item through a share sees the shares
 * from their shared folder down, not those on folders hidden from them.
 */
export async function listItemAccess(scope: FileScope, itemId: string) {
  const { tx, actor } = scope;
  const item = await findItem(scope, itemId, "live", undefined, "view");
  const depth = new Map(item.path.map((p, index) => [p.id, index]));
  const shares = await tx.share.findMany({
    where: { organizationId: actor.organizationId, itemId: { in: [...depth.keys()] } },
    select: {
      id: true,
      itemId: true,
      role: true,
      createdAt: true,
      membership: { select: { user: { select: { id: true, name: true, email: true } } } },
      group: { select: { id: true, name: true, _count: { select: { members: true } } } },
    },
  });
  const { ownerUserId } = await tx.drive.findUniqueOrThrow({ where: { id: item.driveId }, select: { ownerUserId: true } });
  const owner = ownerUserId
    ? await tx.membership.findFirst({ where: { organizationId: actor.organizationId, userId: ownerUserId }, select: { user: { select: { id: true, name: true, email: true } } } })
    : null;
  const entries = shares.flatMap((s) => {
    const recipient: Recipient | null = s.group
      ? { type: "group", id: s.group.id, name: s.group.name, memberCount: s.group._count.members }
      : s.membership
        ? { type: "user", ...s.membership.user }
        : null;
    if (!recipient) return [];
    const inherited = s.itemId !== item.id;
    return [
      {
        shareId: s.id,
        role: s.role as ShareRole,
        createdAt: s.createdAt,
        recipient,
        /** The folder above whose share this is; null for a share on the item itself. */
        inheritedFrom: inherited ? { id: s.itemId, name: item.path[depth.get(s.itemId)!]!.name } : null,
      },
    ];
  });
  // Shares on the item first, then those of the nearest folder up; by name within each.
  entries.sort((a, b) => (depth.get(b.inheritedFrom?.id ?? item.id) ?? 0) - (depth.get(a.inheritedFrom?.id ?? item.id) ?? 0) || a.recipient.name.localeCompare(b.recipient.name));
  return {
    item: { id: item.id, name: item.name, kind: item.kind },
    owner: owner?.user ?? { id: ownerUserId ?? "", name: "A former member", email: "" },
    you: { own: item.access.own, canManage: item.access.edit },
    entries,
  };
}
