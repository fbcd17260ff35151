import crypto from "node:crypto";
import { Prisma, type ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { publishEvent } from "../events/publish-event";
import { findChannel } from "./channels";
import { chatMessageChanged, type ChatMessageChange } from "./chat-events";
import { getStorageEngine } from "../storage/engine-instance";
import { chatKey, type ChatScope } from "./chat-scope";
import { openText, sealText } from "./message-cipher";

export const PAGE_SIZE = 50;

export const MESSAGE_SELECT = {
  id: true,
  channelId: true,
  parentId: true,
  seq: true,
  body: true,
  authorId: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  reactions: { select: { emoji: true, userId: true }, orderBy: { createdAt: "asc" } },
} as const;
type MessageRow = Prisma.MessageGetPayload<{ select: typeof MESSAGE_SELECT }>;

/**
 * Messages opened once for every reader: body decrypted, author named, and
 * who reacted with what. The live feed opens a message once per process and
 * shapes it for each subscriber with `forViewer`.
 */
export async function openMessages(tx: ScopedDb, organizationId: string, rows: MessageRow[]) {
  const key = rows.some((r) => r.body) ? (await getStorageEngine().organizationKeys(tx, organizationId)).dataKey : null;
  const authorIds = [...new Set(rows.flatMap((r) => (r.authorId ? [r.authorId] : [])))];
  const authors = new Map((await tx.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      channelId: r.channelId,
      parentId: r.parentId,
      seq: String(r.seq),
      body: r.body && key ? await openText(key, organizationId, r.id, r.body) : null,
      author: r.authorId ? { id: r.authorId, name: authors.get(r.authorId) ?? "Former member" } : null,
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      deletedAt: r.deletedAt,
      reactedBy: r.reactions,
    })),
  );
}
export type OpenedMessage = Awaited<ReturnType<typeof openMessages>>[number];

/** A message as one reader sees it: reactions counted, theirs marked. */
export function forViewer({ reactedBy, ...message }: OpenedMessage, userId: string) {
  const reactions = new Map<string, { emoji: string; count: number; mine: boolean }>();
  for (const { emoji, userId: reactor } of reactedBy) {
    const entry = reactions.get(emoji) ?? { emoji, count: 0, mine: false };
    entry.count += 1;
    entry.mine ||= reactor === userId;
    reactions.set(emoji, entry);
  }
  return { ...message, mine: message.author?.id === userId, reactions: [...reactions.values()] };
}

async function present({ tx, actor }: ChatScope, rows: MessageRow[]) {
  return (await openMessages(tx, actor.organizationId, rows)).map((m) => forViewer(m, actor.userId));
}
export type ChatMessage = Awaited<ReturnType<typeof present>>[number];

/**
 * A page of a channel's messages, newest first from `before` (a seq; none:
 * the newest), returned oldest first for display with the cursor of the next
 * older page. Posts take the channel's lock (postMessage), so within a
 * channel seqs become visible in order: a page never skips a message that
 * commits later.
 */
export async function listMessages(scope: ChatScope, channelId: string, before: string | null, limit = PAGE_SIZE) {
  const channel = await findChannel(scope, channelId);
  const rows = await scope.tx.message.findMany({
    where: { channelId: channel.id, parentId: null, ...(before !== null && { seq: { lt: BigInt(before) } }) },
    orderBy: { seq: "desc" },
    take: limit + 1,
    select: MESSAGE_SELECT,
  });
  const page = rows.slice(0, limit).reverse();
  return { messages: await present(scope, page), olderCursor: rows.length > limit ? String(page[0]!.seq) : null };
}

/** Messages of a channel after `afterSeq`, oldest first: what a live subscriber missed. */
export async function messagesAfter(scope: ChatScope, channelId: string, afterSeq: string, limit = 500) {
  const channel = await findChannel(scope, channelId);
  const rows = await scope.tx.message.findMany({
    where: { channelId: channel.id, parentId: null, seq: { gt: BigInt(afterSeq) } },
    orderBy: { seq: "asc" },
    take: limit,
    select: MESSAGE_SELECT,
  });
  return present(scope, rows);
}

/** One message of a channel the actor is in, as they see it; null when it is not there. */
export async function readMessage(scope: ChatScope, channelId: string, messageId: string): Promise<ChatMessage | null> {
  const channel = await findChannel(scope, channelId);
  const row = await scope.tx.message.findFirst({ where: { id: messageId, channelId: channel.id }, select: MESSAGE_SELECT });
  return row ? ((await present(scope, [row]))[0] ?? null) : null;
}

async function publish(scope: ChatScope, data: ChatMessageChange) {
  await publishEvent(scope.tx, chatMessageChanged, { organizationId: scope.actor.organizationId, data });
}

export async function postMessage(scope: ChatScope, channelId: string, body: string): Promise<ChatMessage> {
  const { tx, actor } = scope;
  const channel = await findChannel(scope, channelId);
  // One poster per channel at a time, until commit: seqs commit in order (see listMessages).
  await tx.$executeRaw`SELECT 1 FROM "Channel" WHERE "id" = ${channel.id}::uuid FOR NO KEY UPDATE`;
  const id = crypto.randomUUID();
  const sealed = await sealText(await chatKey(scope), actor.organizationId, id, body);
  const row = await tx.message.create({
    data: { id, organizationId: actor.organizationId, channelId: channel.id, authorId: actor.userId, body: sealed },
    select: MESSAGE_SELECT,
  });
  // The author has read what they wrote.
  await tx.channelMember.update({
    where: { channelId_userId: { channelId: channel.id, userId: actor.userId } },
    data: { lastReadSeq: row.seq },
  });
  await publish(scope, { channelId: channel.id, messageId: id, seq: String(row.seq), change: "posted" });
  return (await present(scope, [row]))[0]!;
}

async function findMessage(scope: ChatScope, messageId: string) {
  const row = await scope.tx.message.findFirst({
    where: { id: messageId, organizationId: scope.actor.organizationId },
    select: { id: true, channelId: true, authorId: true, deletedAt: true, seq: true },
  });
  if (!row) throw new DomainError("NOT_FOUND", "This message does not exist, or you cannot see it.");
  // Checked through its channel: a message of a private channel one is not in does not exist for them.
  const channel = await findChannel(scope, row.channelId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "NOT_FOUND") throw new DomainError("NOT_FOUND", "This message does not exist, or you cannot see it.");
    throw error;
  });
  if (row.deletedAt) throw new DomainError("GONE", "This message was deleted.");
  return { ...row, channelIsAdmin: channel.isAdmin };
}

export async function editMessage(scope: ChatScope, messageId: string, body: string): Promise<ChatMessage> {
  const message = await findMessage(scope, messageId);
  if (message.authorId !== scope.actor.userId) throw new DomainError("FORBIDDEN", "You can edit only your own messages.");
  const sealed = await sealText(await chatKey(scope), scope.actor.organizationId, message.id, body);
  const row = await scope.tx.message.update({ where: { id: message.id }, data: { body: sealed, editedAt: new Date() }, select: MESSAGE_SELECT });
  await publish(scope, { channelId: message.channelId, messageId: message.id, seq: String(message.seq), change: "edited" });
  return (await present(scope, [row]))[0]!;
}

/** Removes the body and keeps a "deleted" mark in its place. */
export async function deleteMessage(scope: ChatScope, messageId: string): Promise<void> {
  const message = await findMessage(scope, messageId);
  if (message.authorId !== scope.actor.userId && !message.channelIsAdmin) {
    throw new DomainError("FORBIDDEN", "You can delete only your own messages, unless you administer the channel.");
  }
  await scope.tx.message.update({ where: { id: message.id }, data: { body: null, deletedAt: new Date() } });
  await scope.tx.reaction.deleteMany({ where: { messageId: message.id } });
  await publish(scope, { channelId: message.channelId, messageId: message.id, seq: String(message.seq), change: "deleted" });
}

export async function react(scope: ChatScope, messageId: string, emoji: string, on: boolean): Promise<void> {
  const { tx, actor } = scope;
  const message = await findMessage(scope, messageId);
  if (on) {
    await tx.$executeRaw`INSERT INTO "Reaction" ("organizationId", "messageId", "userId", "emoji")
      VALUES (${actor.organizationId}::uuid, ${message.id}::uuid, ${actor.userId}::uuid, ${emoji}) ON CONFLICT DO NOTHING`;
  } else {
    await tx.reaction.deleteMany({ where: { messageId: message.id, userId: actor.userId, emoji } });
  }
  await publish(scope, { channelId: message.channelId, messageId: message.id, seq: String(message.seq), change: "reacted" });
}

/** Moves the actor's read position forward to `seq` (never back: another tab may have read further). */
export async function markRead(scope: ChatScope, channelId: string, seq: string): Promise<void> {
  const channel = await findChannel(scope, channelId);
  await scope.tx.$executeRaw`UPDATE "ChannelMember" SET "lastReadSeq" = GREATEST("lastReadSeq", LEAST(${BigInt(seq)}, (SELECT coalesce(max("seq"), 0) FROM "Message" WHERE "channelId" = ${channel.id}::uuid)))
    WHERE "channelId" = ${channel.id}::uuid AND "userId" = ${scope.actor.userId}::uuid`;
}
