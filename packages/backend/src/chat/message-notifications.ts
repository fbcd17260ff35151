import { notify, type NewNotification } from "../notifications/notify";
import type { ChatScope } from "./chat-scope";

export type NotifiedChannel = { id: string; kind: "CHANNEL" | "DIRECT"; name: string };

/** The console path that opens a message: its channel, and its thread for a reply. */
export function messageLink(channelId: string, messageId: string, parentId: string | null): string {
  return `/chat?channel=${channelId}&message=${messageId}${parentId ? `&thread=${parentId}` : ""}`;
}

export async function actorName({ tx, actor }: ChatScope): Promise<string> {
  return (await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } }))?.name ?? "Someone";
}

/**
 * Tells people about a message: in a direct conversation every other member
 * gets a direct message notification (once, even if also mentioned); in a
 * channel the people it newly mentions, and everyone in it for @channel.
 * notify() leaves out the author.
 */
export async function notifyOfMessage(
  scope: ChatScope,
  channel: NotifiedChannel,
  message: { id: string; parentId: string | null },
  mentioned: { userIds: string[]; channel: boolean; isNew: boolean },
): Promise<void> {
  const { tx, actor } = scope;
  const name = await actorName(scope);
  let recipients: string[];
  let kind: NewNotification["kind"];
  let title: string;
  if (channel.kind === "DIRECT") {
    if (!mentioned.isNew) return;
    const members = await tx.channelMember.findMany({ where: { channelId: channel.id }, select: { userId: true } });
    recipients = members.map((m) => m.userId);
    kind = "DIRECT_MESSAGE";
    title = message.parentId ? `${name} replied in your conversation` : `${name} sent you a message`;
  } else {
    recipients = mentioned.userIds;
    if (mentioned.channel && mentioned.isNew) {
      const members = await tx.channelMember.findMany({ where: { channelId: channel.id }, select: { userId: true } });
      recipients = [...new Set([...recipients, ...members.map((m) => m.userId)])];
    }
    kind = "MENTION";
    title = `${name} mentioned you in #${channel.name}`;
  }
  const link = messageLink(channel.id, message.id, message.parentId);
  await notify(
    tx,
    actor.organizationId,
    recipients.map((userId) => ({ userId, kind, actorId: actor.userId, title, link })),
  );
}

/**
 * Tells the people taking part in a channel thread (who started it or
 * replied in it, and still belong to the channel) of a new reply, as Slack
 * and Teams follow threads; those the reply mentions get their mention instead.
 */
export async function notifyThreadParticipants(
  scope: ChatScope,
  channel: NotifiedChannel,
  reply: { id: string; parentId: string },
  mentionedUserIds: string[],
): Promise<void> {
  const { tx, actor } = scope;
  const authors = await tx.message.findMany({
    where: { organizationId: actor.organizationId, channelId: channel.id, OR: [{ id: reply.parentId }, { parentId: reply.parentId }], authorId: { not: null } },
    select: { authorId: true },
    distinct: ["authorId"],
  });
  const mentioned = new Set(mentionedUserIds);
  const candidates = authors.flatMap((a) => (a.authorId && !mentioned.has(a.authorId) ? [a.authorId] : []));
  if (candidates.length === 0) return;
  const members = await tx.channelMember.findMany({ where: { channelId: channel.id, userId: { in: candidates } }, select: { userId: true } });
  const title = `${await actorName(scope)} replied to a thread in #${channel.name}`;
  const link = messageLink(channel.id, reply.id, reply.parentId);
  await notify(tx, actor.organizationId, members.map((m) => ({ userId: m.userId, kind: "REPLY" as const, actorId: actor.userId, title, link })));
}
