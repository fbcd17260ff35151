import type { ScopedDb } from "@awan/db";
import type { Actor } from "../tenancy/memberships";
import { notify, type NewNotification } from "./notify";

type SharedItem = { id: string; name: string; kind: string };
type NewRecipient = { type: "user" | "group"; id: string; name: string };

/**
 * Tells the people an item was newly shared with (each member of a newly
 * added group): "Ana shared “Plan.pdf” with you". Its owner, who has it
 * anyway, and the sharer are not told; someone reached twice is told once,
 * in their own name before a group's. A folder opens where it is, under
 * Shared with me; a file opens Shared with me.
 */
export async function notifyShareRecipients(tx: ScopedDb, actor: Actor, item: SharedItem, ownerUserId: string | null, recipients: NewRecipient[]): Promise<void> {
  if (recipients.length === 0) return;
  const groupIds = recipients.filter((r) => r.type === "group").map((r) => r.id);
  const members = await tx.groupMember.findMany({ where: { organizationId: actor.organizationId, groupId: { in: groupIds } }, select: { groupId: true, userId: true } });
  const groupNames = new Map(recipients.filter((r) => r.type === "group").map((r) => [r.id, r.name]));
  const sharer = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  const who = sharer?.name ?? "Someone";
  const link = item.kind === "FOLDER" ? `/files?folder=${item.id}` : "/files/shared";

  const told = new Map<string, NewNotification>();
  const tell = (userId: string, title: string) => {
    if (userId === ownerUserId || told.has(userId)) return;
    told.set(userId, { userId, kind: "SHARE", actorId: actor.userId, title, link });
  };
  for (const r of recipients) if (r.type === "user") tell(r.id, `${who} shared “${item.name}” with you`);
  for (const m of members) tell(m.userId, `${who} shared “${item.name}” with the group “${groupNames.get(m.groupId)}”`);
  await notify(tx, actor.organizationId, [...told.values()]);
}
