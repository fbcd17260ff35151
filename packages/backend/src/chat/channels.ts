import { isPrismaError, PrismaErrorCode } from "@awan/db";
import { DomainError } from "../errors";
import type { ChatScope } from "./chat-scope";
import { generalMembers, joinDefaultChannel } from "./default-channel";
import { actorName } from "./message-notifications";
import { notify } from "../notifications/notify";
import { publishEvent } from "../events/publish-event";
import { chatMembershipChanged } from "./chat-events";
import { anyOutsideWorkspace, workspaceForNewChannel } from "../workspaces/workspace-scope";

const NOT_FOUND = "This channel does not exist, or you are not in it.";
/**
 * The top of the seq range. Unread counts bound a channel's rows by row
 * comparisons on ("channelId", "seq"), which only that index answers: with
 * `"channelId" = x AND "seq" > y`, PostgreSQL may scan the global seq index
 * through every newer message of the other channels (180,000 rows read for a
 * list with 9 unread; see chat/pagination.integration.test.ts).
 */
const MAX_SEQ = 9_223_372_036_854_775_807n;

/**
 * The channel if the actor may read and write in it, or NOT_FOUND: a private
 * channel they are not in looks exactly like one that does not exist. A
 * public channel of a workspace they belong to is joined on first use.
 */
export async function findChannel(
  scope: ChatScope,
  channelId: string,
): Promise<{ id: string; isAdmin: boolean; kind: "CHANNEL" | "DIRECT"; name: string; isDefault: boolean; workspaceId: string }> {
  const { tx, actor } = scope;
  await joinDefaultChannel(scope);
  const channel = await tx.channel.findFirst({
    where: { id: channelId, organizationId: actor.organizationId },
    select: {
      id: true,
      name: true,
      isDefault: true,
      isPrivate: true,
      kind: true,
      workspaceId: true,
      members: { where: { userId: actor.userId }, select: { isAdmin: true } },
    },
  });
  if (!channel) throw new DomainError("NOT_FOUND", NOT_FOUND);
  const membership = channel.members[0];
  const found = { id: channel.id, kind: channel.kind, name: channel.name, isDefault: channel.isDefault, workspaceId: channel.workspaceId };
  if (membership) return { ...found, isAdmin: membership.isAdmin };
  if (channel.isPrivate || channel.kind !== "CHANNEL") throw new DomainError("NOT_FOUND", NOT_FOUND);
  const inWorkspace = await tx.workspaceMember.findUnique({
    where: { workspaceId_userId: { workspaceId: channel.workspaceId, userId: actor.userId } },
    select: { role: true },
  });
  if (!inWorkspace || inWorkspace.role === "GUEST") throw new DomainError("NOT_FOUND", NOT_FOUND);
  await tx.$executeRaw`INSERT INTO "ChannelMember" ("organizationId", "channelId", "userId")
    VALUES (${actor.organizationId}::uuid, ${channel.id}::uuid, ${actor.userId}::uuid) ON CONFLICT DO NOTHING`;
  return { ...found, isAdmin: false };
}

/**
 * The channels the actor is in and the public ones of their workspaces, then
 * their direct conversations (with the other people in each), with unread
 * counts and mentions (unread messages naming them or @channel); #general
 * first. Thread replies count in neither: they are not in the channel's list.
 */
export async function listMyChannels(scope: ChatScope) {
  const { tx, actor } = scope;
  await joinDefaultChannel(scope);
  const rows = await tx.$queryRaw<
    {
      id: string;
      name: string;
      kind: "CHANNEL" | "DIRECT";
      topic: string;
      isPrivate: boolean;
      isDefault: boolean;
      joined: boolean;
      lastReadSeq: bigint | null;
      isAdmin: boolean | null;
      unread: bigint;
      mentions: bigint;
      workspaceId: string;
      workspaceName: string;
      workspaceIsDefault: boolean;
    }[]
  >`
    SELECT c."id", c."name", c."kind", c."topic", c."isPrivate", c."isDefault", cm."userId" IS NOT NULL AS joined, cm."lastReadSeq", cm."isAdmin",
      w."id" AS "workspaceId", w."name" AS "workspaceName", w."isDefault" AS "workspaceIsDefault",
      CASE WHEN cm."userId" IS NULL THEN 0 ELSE (
        SELECT count(*) FROM "Message" m
        WHERE (m."channelId", m."seq") > (c."id", cm."lastReadSeq") AND (m."channelId", m."seq") < (c."id", ${MAX_SEQ}) AND m."deletedAt" IS NULL AND m."parentId" IS NULL
          AND m."authorId" IS DISTINCT FROM ${actor.userId}::uuid
      ) END AS unread,
      CASE WHEN cm."userId" IS NULL THEN 0 ELSE (
        SELECT count(*) FROM "Message" m
        WHERE (m."channelId", m."seq") > (c."id", cm."lastReadSeq") AND (m."channelId", m."seq") < (c."id", ${MAX_SEQ}) AND m."deletedAt" IS NULL AND m."parentId" IS NULL
          AND m."authorId" IS DISTINCT FROM ${actor.userId}::uuid
          AND (m."mentionsChannel" OR EXISTS (SELECT 1 FROM "MessageMention" mm WHERE mm."messageId" = m."id" AND mm."userId" = ${actor.userId}::uuid))
      ) END AS mentions
    FROM "Channel" c
    JOIN "Workspace" w ON w."id" = c."workspaceId"
    LEFT JOIN "ChannelMember" cm ON cm."channelId" = c."id" AND cm."userId" = ${actor.userId}::uuid
    WHERE cm."userId" IS NOT NULL OR (c."kind" = 'CHANNEL' AND NOT c."isPrivate" AND EXISTS (
      SELECT 1 FROM "WorkspaceMember" wm WHERE wm."workspaceId" = c."workspaceId" AND wm."userId" = ${actor.userId}::uuid AND wm."role" <> 'GUEST'
    ))
    ORDER BY c."kind", c."isDefault" DESC, c."name", c."createdAt"`;
  const people = await conversationPeople(scope, rows.filter((r) => r.kind === "DIRECT").map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    /** For a direct conversation: the other people in it. */
    people: people.get(r.id) ?? [],
    topic: r.topic,
    isPrivate: r.isPrivate,
    isGeneral: r.isDefault,
    joined: r.joined,
    /** May add people (administers it), as addMembers allows. */
    canManage: r.isAdmin === true,
    lastReadSeq: String(r.lastReadSeq ?? 0n),
    unread: Number(r.unread),
    mentions: Number(r.mentions),
    /** The workspace a channel belongs to (direct conversations: the default one), for grouping. */
    workspace: { id: r.workspaceId, name: r.workspaceName, isDefault: r.workspaceIsDefault },
  }));
}

/** The people in each of these conversations other than the actor, by name. */
async function conversationPeople({ tx, actor }: ChatScope, channelIds: string[]) {
  const people = new Map<string, { id: string; name: string }[]>();
  if (channelIds.length === 0) return people;
  const members = await tx.channelMember.findMany({
    where: { channelId: { in: channelIds }, userId: { not: actor.userId } },
    select: { channelId: true, userId: true, membership: { select: { user: { select: { name: true } } } } },
  });
  for (const m of members) people.set(m.channelId, [...(people.get(m.channelId) ?? []), { id: m.userId, name: m.membership.user.name }]);
  for (const list of people.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return people;
}

/** The people in a channel the actor may read, by name: whom a message there can mention. */
export async function listChannelMembers(scope: ChatScope, channelId: string) {
  const channel = await findChannel(scope, channelId);
  if (channel.isDefault) return (await generalMembers(scope)).sort((a, b) => a.name.localeCompare(b.name));
  const members = await scope.tx.channelMember.findMany({
    where: { channelId: channel.id },
    select: { userId: true, membership: { select: { user: { select: { name: true } } } } },
  });
  return members.map((m) => ({ id: m.userId, name: m.membership.user.name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** A new channel in a workspace of the actor's (by default the default one); its creator is in it and administers it. */
export async function createChannel(scope: ChatScope, input: { name: string; isPrivate: boolean; workspaceId?: string | undefined }) {
  const { tx, actor } = scope;
  if (actor.role === "GUEST") throw new DomainError("FORBIDDEN", "Guests cannot create channels.");
  await joinDefaultChannel(scope);
  const workspace = { id: await workspaceForNewChannel(scope, input.workspaceId) };
  try {
    await tx.$executeRaw`SAVEPOINT create_channel`;
    const channel = await tx.channel.create({
      data: {
        organizationId: actor.organizationId,
        workspaceId: workspace.id,
        name: input.name,
        isPrivate: input.isPrivate,
        createdById: actor.userId,
        members: { create: { organizationId: actor.organizationId, userId: actor.userId, isAdmin: true } },
      },
      select: { id: true, name: true, isPrivate: true },
    });
    await tx.$executeRaw`RELEASE SAVEPOINT create_channel`;
    // The creator's other tabs list it and hear its messages; a public one, everyone's tabs.
    await publishEvent(tx, chatMembershipChanged, {
      organizationId: actor.organizationId,
      data: { channelId: channel.id, userIds: [actor.userId], ...(channel.isPrivate ? {} : { everyone: true }) },
    });
    return channel;
  } catch (error) {
    if (!isPrismaError(error, PrismaErrorCode.UniqueConstraint)) throw error;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT create_channel`;
    throw new DomainError("CONFLICT", `There is already a channel named #${input.name}. Choose another name.`);
  }
}

/**
 * Adds colleagues to a channel the actor administers (how a private channel
 * gets its members); each one added is notified.
 */
export async function addChannelMembers(scope: ChatScope, channelId: string, userIds: string[]) {
  const { tx, actor } = scope;
  const channel = await findChannel(scope, channelId);
  if (channel.kind === "DIRECT") throw new DomainError("FORBIDDEN", "A conversation keeps the people it started with. Start a new one to include someone else.");
  if (!channel.isAdmin) throw new DomainError("FORBIDDEN", "Only the channel's administrators can add people to it.");
  const found = await tx.membership.findMany({ where: { organizationId: actor.organizationId, userId: { in: userIds } }, select: { userId: true } });
  if (found.length !== new Set(userIds).size) throw new DomainError("NOT_FOUND", "Someone you chose is not a member of your organization.");
  // A channel of a workspace other than the default one holds only that workspace's people.
  if (await anyOutsideWorkspace(tx, channel.workspaceId, userIds)) throw new DomainError("INVALID_INPUT", "Someone you chose is not in this channel's workspace. Add them to the workspace first.");
  const already = new Set(
    (await tx.channelMember.findMany({ where: { channelId: channel.id, userId: { in: userIds } }, select: { userId: true } })).map((m) => m.userId),
  );
  await tx.channelMember.createMany({
    data: found.map((m) => ({ organizationId: actor.organizationId, channelId: channel.id, userId: m.userId })),
    skipDuplicates: true,
  });
  const added = found.filter((m) => !already.has(m.userId)).map((m) => m.userId);
  if (added.length > 0) {
    await publishEvent(tx, chatMembershipChanged, { organizationId: actor.organizationId, data: { channelId: channel.id, userIds: added } });
  }
  const title = `${await actorName(scope)} added you to #${channel.name}`;
  await notify(
    tx,
    actor.organizationId,
    added.map((userId) => ({ userId, kind: "INVITATION" as const, actorId: actor.userId, title, link: `/chat?channel=${channel.id}` })),
  );
}
