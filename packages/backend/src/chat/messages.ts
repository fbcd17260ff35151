import crypto from "node:crypto";
import { Prisma, type ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { publishEvent } from "../events/publish-event";
import { findChannel } from "./channels";
import { chatMessageChanged, chatReadMoved, type ChatMessageChange } from "./chat-events";
import { getStorageEngine } from "../storage/engine-instance";
import { chatKey, type ChatScope } from "./chat-scope";
import { mentionedPeople, mentionsIn, recordMentions } from "./mentions";
import { openText, sealText } from "./message-cipher";
import { claimAttachments } from "./attachments";
import { indexMessage, unindexMessage } from "./search-index";
import { notifyOfMessage, notifyThreadParticipants } from "./message-notifications";

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
  replyCount: true,
  mentionsChannel: true,
  reactions: { select: { emoji: true, userId: true }, orderBy: { createdAt: "asc" } },
  attachments: { select: { id: true, name: true, mediaType: true, size: true }, orderBy: { createdAt: "asc" } },
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
  const bodies = await Promise.all(rows.map((r) => (r.body && key ? openText(key, organizationId, r.id, r.body) : null)));
  const named = await mentionedPeople(tx, organizationId, bodies);
  return rows.map((r, i) => {
    const body = bodies[i] ?? null;
    return {
      id: r.id,
      channelId: r.channelId,
      parentId: r.parentId,
      seq: String(r.seq),
      body,
      /** The people its `<@id>` tokens name, shown as @Name. */
      mentions: (body ? mentionsIn(body).userIds : []).map((id) => ({ id, name: named.get(id) ?? "Former member" })),
      mentionsChannel: r.mentionsChannel,
      replyCount: r.replyCount,
      author: r.authorId ? { id: r.authorId, name: authors.get(r.authorId) ?? "Former member" } : null,
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      deletedAt: r.deletedAt,
      /** Files sent with it; none once it is deleted. */
      attachments: r.deletedAt ? [] : r.attachments.map((a) => ({ ...a, size: Number(a.size) })),
      reactedBy: r.reactions,
    };
  });
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

type SeqRange = { lt: bigint } | { gt: bigint } | { gte: bigint };
const MAX_SEQ = 9_223_372_036_854_775_807n;

/** A channel's newest seq (replies included; 0 when empty), found through ("channelId", "seq") alone, as channelRows explains. */
export function newestSeqOf(channelId: string): Prisma.Sql {
  return Prisma.sql`coalesce((SELECT "seq" FROM "Message"
    WHERE ("channelId", "seq") > (${channelId}::uuid, 0) AND ("channelId", "seq") < (${channelId}::uuid, ${MAX_SEQ})
    ORDER BY "channelId" DESC, "seq" DESC LIMIT 1), 0)`;
}

/**
 * A channel's top-level messages in `seq` range, nearest the range's open end
 * first (newest first below a `lt`, oldest first above a `gt`/`gte`). Found
 * by row comparisons on ("channelId", "seq"), which only that index answers:
 * given `"channelId" = x ORDER BY "seq"`, PostgreSQL walks the global seq
 * index instead once a channel holds most messages, and then wades through
 * every newer message of the other channels (a page of a #general gone
 * quiet read 20,000 rows; see pagination.integration.test.ts).
 */
async function channelRows(tx: ScopedDb, channelId: string, seq: SeqRange | undefined, take: number): Promise<MessageRow[]> {
  const ascending = seq !== undefined && !("lt" in seq);
  const above = seq === undefined || "lt" in seq ? 0n : "gt" in seq ? seq.gt : seq.gte - 1n;
  const below = seq !== undefined && "lt" in seq ? seq.lt : MAX_SEQ;
  const order = Prisma.raw(ascending ? "ASC" : "DESC");
  // PostgreSQL estimates row comparisons badly: taking a big channel for a
  // few rows, it may plan a bitmap scan of all of it and a sort. Only the
  // index walk in order reads just a page, so it is the one left to it.
  await tx.$executeRaw`SET LOCAL enable_bitmapscan = off`;
  const found = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Message"
    WHERE ("channelId", "seq") > (${channelId}::uuid, ${above}) AND ("channelId", "seq") < (${channelId}::uuid, ${below}) AND "parentId" IS NULL
    ORDER BY "channelId" ${order}, "seq" ${order} LIMIT ${take}`;
  await tx.$executeRaw`SET LOCAL enable_bitmapscan = on`;
  if (found.length === 0) return [];
  const rows = await tx.message.findMany({ where: { id: { in: found.map((r) => r.id) } }, select: MESSAGE_SELECT });
  return rows.sort((a, b) => (a.seq === b.seq ? 0 : (a.seq < b.seq) === ascending ? -1 : 1));
}

/**
 * A page of a channel's messages, newest first from `before` (a seq; none:
 * the newest), returned oldest first for display with the cursor of the next
 * older page. Posts take the channel's lock (postMessage), so within a
 * channel seqs become visible in order: a page never skips a message that
 * commits later.
 */
export async function listMessages(scope: ChatScope, channelId: string, page: MessagePage, limit = PAGE_SIZE) {
  const channel = await findChannel(scope, channelId);
  if (!page.cursor && !page.around && page.aroundMessageId) {
    // A message that is not (or no longer) there opens the newest page instead.
    const at = await scope.tx.message.findFirst({
      where: { id: page.aroundMessageId, channelId: channel.id },
      select: { seq: true, parent: { select: { seq: true } } },
    });
    if (at) page = { ...page, around: String(at.parent?.seq ?? at.seq) };
  }
  const rowsFrom = (seq: SeqRange | undefined, take: number) => channelRows(scope.tx, channel.id, seq, take);
  let older: MessageRow[] = [];
  let newer: MessageRow[] = [];
  let moreOlder = false;
  let moreNewer = false;
  if (page.cursor && page.direction === "backward") {
    newer = await rowsFrom({ gt: BigInt(page.cursor) }, limit + 1);
    moreNewer = newer.length > limit;
  } else if (page.cursor || !page.around) {
    older = await rowsFrom(page.cursor ? { lt: BigInt(page.cursor) } : undefined, limit + 1);
    moreOlder = older.length > limit;
  } else {
    // The first page around a position: a few before it for context, the rest from it on.
    const before = Math.floor(limit / 4);
    older = await rowsFrom({ lt: BigInt(page.around) }, before + 1);
    moreOlder = older.length > before;
    older = older.slice(0, before);
    newer = await rowsFrom({ gte: BigInt(page.around) }, limit - before + 1);
    moreNewer = newer.length > limit - before;
    newer = newer.slice(0, limit - before);
  }
  const rows = [...older.slice(0, limit).reverse(), ...newer.slice(0, limit)];
  return {
    messages: await present(scope, rows),
    olderCursor: moreOlder ? String(rows[0]!.seq) : null,
    /** Where the next newer page starts; null once the page reaches the newest message. */
    newerCursor: moreNewer ? String(rows.at(-1)!.seq) : null,
  };
}
export type MessagePage = { cursor?: string | null; direction?: "forward" | "backward"; around?: string | null; aroundMessageId?: string | null };

async function publish(scope: ChatScope, data: ChatMessageChange) {
  await publishEvent(scope.tx, chatMessageChanged, { organizationId: scope.actor.organizationId, data });
}

/**
 * Posts a message, or with `parentId` a reply in that message's thread (the
 * parent's reply count goes up with it). Mentions are recorded and the
 * people concerned notified, in the same transaction.
 */
export async function postMessage(scope: ChatScope, channelId: string, body: string, parentId: string | null = null, attachmentIds: string[] = []): Promise<ChatMessage> {
  const { tx, actor } = scope;
  const channel = await findChannel(scope, channelId);
  if (parentId) await countReply(scope, channel.id, parentId);
  const id = crypto.randomUUID();
  const sealed = await sealText(await chatKey(scope), actor.organizationId, id, body);
  const mentioned = mentionsIn(body);
  await tx.message.create({
    data: { id, organizationId: actor.organizationId, channelId: channel.id, authorId: actor.userId, body: sealed, parentId, mentionsChannel: mentioned.channel },
    select: { id: true },
  });
  await indexMessage(tx, actor.organizationId, id, body);
  await claimAttachments(scope, id, attachmentIds);
  const userIds = mentioned.userIds.length > 0 ? await recordMentions(scope, { id, channelId: channel.id, seq: 0n }, body) : [];
  await notifyOfMessage(scope, channel, { id, parentId }, { userIds, channel: mentioned.channel, isNew: true });
  // @channel already told everyone in it.
  if (parentId && channel.kind === "CHANNEL" && !mentioned.channel) await notifyThreadParticipants(scope, channel, { id, parentId }, userIds);
  const [sent] = await present(scope, [await tx.message.findUniqueOrThrow({ where: { id }, select: MESSAGE_SELECT })]);

  // Numbered last, under the channel's lock until commit, so seqs commit in order (see listMessages)
  // while the lock is held for a few statements rather than the whole post.
  await tx.$executeRaw`SELECT 1 FROM "Channel" WHERE "id" = ${channel.id}::uuid FOR NO KEY UPDATE`;
  const [{ seq }] = (await tx.$queryRaw<{ seq: bigint }[]>`
    UPDATE "Message" SET "seq" = nextval(pg_get_serial_sequence('"Message"', 'seq')) WHERE "id" = ${id}::uuid RETURNING "seq"`) as [{ seq: bigint }];
  if (mentioned.userIds.length > 0) await tx.messageMention.updateMany({ where: { messageId: id }, data: { seq } });
  // The author has read what they wrote (a reply is not in the channel's list, so it moves nothing).
  if (!parentId) {
    await tx.channelMember.update({ where: { channelId_userId: { channelId: channel.id, userId: actor.userId } }, data: { lastReadSeq: seq } });
  }
  await publish(scope, { channelId: channel.id, messageId: id, seq: String(seq), change: "posted" });
  if (parentId) {
    // The parent changed too (its reply count): subscribers reload it.
    const parent = await tx.message.findUniqueOrThrow({ where: { id: parentId }, select: { seq: true } });
    await publish(scope, { channelId: channel.id, messageId: parentId, seq: String(parent.seq), change: "edited" });
  }
  return { ...sent!, seq: String(seq) };
}

/** Checks that a reply's parent is a live message of the channel, not itself a reply, and counts the reply. */
async function countReply({ tx }: ChatScope, channelId: string, parentId: string) {
  const counted = await tx.message.updateMany({
    where: { id: parentId, channelId, parentId: null, deletedAt: null },
    data: { replyCount: { increment: 1 } },
  });
  if (counted.count === 1) return;
  const parent = await tx.message.findFirst({ where: { id: parentId, channelId }, select: { parentId: true, deletedAt: true } });
  if (!parent) throw new DomainError("NOT_FOUND", "The message you reply to does not exist, or you cannot see it.");
  if (parent.deletedAt) throw new DomainError("GONE", "The message you reply to was deleted.");
  throw new DomainError("INVALID_INPUT", "Reply in the thread of the first message, not to a reply.");
}

async function findMessage(scope: ChatScope, messageId: string) {
  const row = await scope.tx.message.findFirst({
    where: { id: messageId, organizationId: scope.actor.organizationId },
    select: { id: true, channelId: true, authorId: true, deletedAt: true, seq: true, parentId: true, mentionsChannel: true },
  });
  if (!row) throw new DomainError("NOT_FOUND", "This message does not exist, or you cannot see it.");
  // Checked through its channel: a message of a private channel one is not in does not exist for them.
  const channel = await findChannel(scope, row.channelId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "NOT_FOUND") throw new DomainError("NOT_FOUND", "This message does not exist, or you cannot see it.");
    throw error;
  });
  if (row.deletedAt) throw new DomainError("GONE", "This message was deleted.");
  return { ...row, channel };
}

export async function editMessage(scope: ChatScope, messageId: string, body: string): Promise<ChatMessage> {
  const message = await findMessage(scope, messageId);
  if (message.authorId !== scope.actor.userId) throw new DomainError("FORBIDDEN", "You can edit only your own messages.");
  const sealed = await sealText(await chatKey(scope), scope.actor.organizationId, message.id, body);
  const mentioned = mentionsIn(body);
  const row = await scope.tx.message.update({
    where: { id: message.id },
    data: { body: sealed, editedAt: new Date(), mentionsChannel: mentioned.channel },
    select: MESSAGE_SELECT,
  });
  await indexMessage(scope.tx, scope.actor.organizationId, message.id, body);
  // Only people (or @channel) the edit adds are notified; the others were already.
  const added = await recordMentions(scope, { id: message.id, channelId: message.channelId, seq: message.seq }, body);
  const channelAdded = mentioned.channel && !message.mentionsChannel;
  if (message.channel.kind === "CHANNEL" && (added.length > 0 || channelAdded)) {
    await notifyOfMessage(scope, message.channel, message, { userIds: added, channel: channelAdded, isNew: channelAdded });
  }
  await publish(scope, { channelId: message.channelId, messageId: message.id, seq: String(message.seq), change: "edited" });
  return (await present(scope, [row]))[0]!;
}

/** Removes the body and keeps a "deleted" mark in its place. */
export async function deleteMessage(scope: ChatScope, messageId: string): Promise<void> {
  const message = await findMessage(scope, messageId);
  if (message.authorId !== scope.actor.userId && !message.channel.isAdmin) {
    throw new DomainError("FORBIDDEN", "You can delete only your own messages, unless you administer the channel.");
  }
  await scope.tx.message.update({ where: { id: message.id }, data: { body: null, deletedAt: new Date() } });
  await scope.tx.reaction.deleteMany({ where: { messageId: message.id } });
  await unindexMessage(scope.tx, scope.actor.organizationId, message.id);
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

/**
 * Moves the actor's read position forward to `seq` (never back: another tab
 * may have read further); their other tabs and devices hear of it.
 */
export async function markRead(scope: ChatScope, channelId: string, seq: string): Promise<void> {
  const channel = await findChannel(scope, channelId);
  const moved = await scope.tx.$executeRaw`
    WITH target AS (SELECT LEAST(${BigInt(seq)}, ${newestSeqOf(channel.id)}) AS seq)
    UPDATE "ChannelMember" cm SET "lastReadSeq" = target.seq FROM target
    WHERE cm."channelId" = ${channel.id}::uuid AND cm."userId" = ${scope.actor.userId}::uuid AND cm."lastReadSeq" < target.seq`;
  if (moved > 0) {
    await publishEvent(scope.tx, chatReadMoved, { organizationId: scope.actor.organizationId, data: { channelId: channel.id, userId: scope.actor.userId } });
  }
}
