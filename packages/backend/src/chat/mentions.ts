import type { ScopedDb } from "@awan/db";
import type { ChatScope } from "./chat-scope";
import { joinGeneralIfDefault } from "./default-channel";

/**
 * A mention is stored in the body as `<@userId>` and shown as `@Name`, so a
 * rename changes how old messages read instead of breaking them. `@channel`
 * mentions every member of the conversation.
 */
const PERSON_TOKEN = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/gi;
const CHANNEL_WORD = /(^|[^\p{L}\p{N}_@])@channel(?![\p{L}\p{N}_-])/u;

export function mentionsIn(body: string): { userIds: string[]; channel: boolean } {
  const userIds = new Set<string>();
  for (const match of body.matchAll(PERSON_TOKEN)) userIds.add(match[1]!.toLowerCase());
  return { userIds: [...userIds], channel: CHANNEL_WORD.test(body) };
}

/**
 * A body with its `<@userId>` mention tokens read as "@Name", or, without
 * names, removed: an id's pieces are not words anyone searches.
 */
export function withMentionNames(text: string, names?: ReadonlyMap<string, string>): string {
  let out = text;
  for (const id of mentionsIn(text).userIds) out = out.replace(new RegExp(`<@${id}>`, "gi"), names ? `@${names.get(id) ?? "Former member"}` : " ");
  return out;
}

/**
 * Records who a message mentions: the members of its channel named in it,
 * never its author. Replaces what an earlier version of the message recorded
 * and returns the people it mentions now that it did not before (whom to
 * notify).
 */
export async function recordMentions(
  { tx, actor }: ChatScope,
  message: { id: string; channelId: string; seq: bigint },
  body: string,
): Promise<string[]> {
  const named = mentionsIn(body).userIds.filter((id) => id !== actor.userId);
  const before = await tx.messageMention.findMany({ where: { messageId: message.id }, select: { userId: true } });
  await joinGeneralIfDefault({ tx, actor }, message.channelId, named);
  const members = named.length
    ? await tx.channelMember.findMany({ where: { channelId: message.channelId, userId: { in: named } }, select: { userId: true } })
    : [];
  const now = new Set(members.map((m) => m.userId));
  await tx.messageMention.deleteMany({ where: { messageId: message.id, userId: { notIn: [...now] } } });
  await tx.messageMention.createMany({
    data: [...now].map((userId) => ({ organizationId: actor.organizationId, messageId: message.id, channelId: message.channelId, userId, seq: message.seq })),
    skipDuplicates: true,
  });
  const had = new Set(before.map((m) => m.userId));
  return [...now].filter((id) => !had.has(id));
}

/** The names of the people mentioned in `bodies`, among the organization's members (others read as a former member). */
export async function mentionedPeople(tx: ScopedDb, organizationId: string, bodies: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(bodies.flatMap((b) => (b ? mentionsIn(b).userIds : [])))];
  if (ids.length === 0) return new Map();
  const members = await tx.membership.findMany({
    where: { organizationId, userId: { in: ids } },
    select: { userId: true, user: { select: { name: true } } },
  });
  return new Map(members.map((m) => [m.userId, m.user.name]));
}
