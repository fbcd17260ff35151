import { recordActivity } from "../activity/activity-log";
import { DomainError } from "../errors";
import { findItem, type FileScope } from "../files/file-scope";
import { notifyShareRecipients } from "../notifications/share-notifications";
import type { Recipient } from "./schemas";
import { ROLE_WORDS, type ShareRole } from "./share-roles";

const RECIPIENT_NOT_FOUND = "This person or group is not in your organization.";
const SHARE_NOT_FOUND = "This share does not exist any more.";

/** An item the actor may share (its owner or an editor), of a kind that may have `role`. */
async function findShareableItem(scope: FileScope, itemId: string, role: ShareRole) {
  const item = await findItem(scope, itemId, "live", undefined, "edit");
  if (item.kind === "SHORTCUT") throw new DomainError("INVALID_INPUT", `“${item.name}” is a shortcut; share the item it leads to instead.`);
  if (role === "UPLOADER" && item.kind !== "FOLDER") throw new DomainError("INVALID_INPUT", "Only folders can be shared as “can add files only”.");
  return item;
}

/**
 * The people and groups of `recipients`, all of the actor's organization,
 * or NOT_FOUND before anything changes: someone of another organization and
 * an id that exists nowhere look the same.
 */
async function resolveRecipients({ tx, actor }: FileScope, recipients: Recipient[]) {
  const userIds = [...new Set(recipients.filter((r) => r.type === "user").map((r) => r.id))];
  const groupIds = [...new Set(recipients.filter((r) => r.type === "group").map((r) => r.id))];
  const people = await tx.membership.findMany({
    where: { organizationId: actor.organizationId, userId: { in: userIds } },
    select: { userId: true, user: { select: { name: true } } },
  });
  const groups = await tx.group.findMany({ where: { organizationId: actor.organizationId, id: { in: groupIds } }, select: { id: true, name: true } });
  if (people.length !== userIds.length || groups.length !== groupIds.length) throw new DomainError("NOT_FOUND", RECIPIENT_NOT_FOUND);
  return [
    ...people.map((p) => ({ type: "user" as const, id: p.userId, name: p.user.name })),
    ...groups.map((g) => ({ type: "group" as const, id: g.id, name: g.name })),
  ];
}

/**
 * Shares an item with people and groups of the organization as `role`;
 * someone who already has a share on it gets the new role instead.
 */
export async function shareItem(scope: FileScope, input: { itemId: string; recipients: Recipient[]; role: ShareRole }) {
  const { tx, actor } = scope;
  const item = await findShareableItem(scope, input.itemId, input.role);
  const recipients = await resolveRecipients(scope, input.recipients);
  const { ownerUserId } = await tx.drive.findUniqueOrThrow({ where: { id: item.driveId }, select: { ownerUserId: true } });
  for (const r of recipients) {
    if (r.type === "user" && r.id === ownerUserId) throw new DomainError("INVALID_INPUT", `${r.name} owns “${item.name}”, so it needs no sharing with them.`);
    if (r.type === "user" && r.id === actor.userId) throw new DomainError("INVALID_INPUT", "You cannot share something with yourself.");
  }
  const existing = await tx.share.findMany({
    where: { itemId: item.id, OR: [{ userId: { in: recipients.map((r) => r.id) } }, { groupId: { in: recipients.map((r) => r.id) } }] },
    select: { userId: true, groupId: true, role: true },
  });
  const roleBefore = new Map(existing.map((e) => [(e.userId ?? e.groupId)!, e.role as ShareRole]));
  const entries = [];
  for (const r of recipients) {
    const before = roleBefore.get(r.id);
    if (before === input.role) continue;
    const data = { organizationId: actor.organizationId, itemId: item.id, role: input.role, createdById: actor.userId };
    if (r.type === "user") {
      await tx.share.upsert({ where: { itemId_userId: { itemId: item.id, userId: r.id } }, create: { ...data, userId: r.id }, update: { role: input.role }, select: { id: true } });
    } else {
      await tx.share.upsert({ where: { itemId_groupId: { itemId: item.id, groupId: r.id } }, create: { ...data, groupId: r.id }, update: { role: input.role }, select: { id: true } });
    }
    const who = r.type === "group" ? `the group “${r.name}”` : r.name;
    entries.push(
      before
        ? { action: "share.change", subjectId: item.id, summary: `Made ${who} ${ROLE_WORDS[input.role]} of “${item.name}” (was ${ROLE_WORDS[before]})` }
        : { action: "share.create", subjectId: item.id, summary: `Shared “${item.name}” with ${who} as ${ROLE_WORDS[input.role]}` },
    );
  }
  await recordActivity(tx, actor, entries);
  // Only new shares are news: a changed role is not.
  await notifyShareRecipients(tx, actor, item, ownerUserId, recipients.filter((r) => !roleBefore.has(r.id)));
  return { shared: recipients.length };
}

/** A share on an item the actor may manage (see and change), with who it is for. */
async function findManageableShare(scope: FileScope, shareId: string) {
  const share = await scope.tx.share.findFirst({
    where: { id: shareId, organizationId: scope.actor.organizationId },
    select: { id: true, itemId: true, role: true, membership: { select: { user: { select: { name: true } } } }, group: { select: { name: true } } },
  });
  if (!share) throw new DomainError("NOT_FOUND", SHARE_NOT_FOUND);
  // Someone who cannot see the item learns nothing of its shares.
  const item = await findItem(scope, share.itemId, "live", undefined, "view").catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "NOT_FOUND") throw new DomainError("NOT_FOUND", SHARE_NOT_FOUND);
    throw error;
  });
  if (!item.access.edit) throw new DomainError("FORBIDDEN", "Only the owner and editors can change who has access.");
  const who = share.group ? `the group “${share.group.name}”` : (share.membership?.user.name ?? "a former member");
  return { ...share, item, who };
}

export async function changeShareRole(scope: FileScope, input: { shareId: string; role: ShareRole }) {
  const share = await findManageableShare(scope, input.shareId);
  if (input.role === "UPLOADER" && share.item.kind !== "FOLDER") throw new DomainError("INVALID_INPUT", "Only folders can be shared as “can add files only”.");
  if (share.role === input.role) return;
  await scope.tx.share.update({ where: { id: share.id }, data: { role: input.role }, select: { id: true } });
  await recordActivity(scope.tx, scope.actor, {
    action: "share.change",
    subjectId: share.item.id,
    summary: `Made ${share.who} ${ROLE_WORDS[input.role]} of “${share.item.name}” (was ${ROLE_WORDS[share.role]})`,
  });
}

/** Ends a share: its person or group loses what it gave at once. */
export async function revokeShare(scope: FileScope, shareId: string) {
  const share = await findManageableShare(scope, shareId);
  await scope.tx.share.delete({ where: { id: share.id } });
  await recordActivity(scope.tx, scope.actor, { action: "share.revoke", subjectId: share.item.id, summary: `Stopped sharing “${share.item.name}” with ${share.who}` });
}
