import { DomainError } from "../errors";
import { publishEvent } from "../events/publish-event";
import { chatMembershipChanged } from "./chat-events";
import type { ChatScope } from "./chat-scope";
import { joinDefaultChannel } from "./default-channel";

/** The most people in a direct conversation besides the one who opens it; more make a channel. */
export const MAX_OTHERS = 7;

/**
 * The people the actor may write to directly: everyone else in the
 * organization, or, for a guest, the people already in a channel with them.
 */
export async function listDirectCandidates({ tx, actor }: ChatScope) {
  const rows =
    actor.role === "GUEST"
      ? await tx.$queryRaw<{ id: string; name: string }[]>`
          SELECT DISTINCT u."id", u."name" FROM "ChannelMember" mine
          JOIN "ChannelMember" other ON other."channelId" = mine."channelId" AND other."userId" <> mine."userId"
          JOIN "User" u ON u."id" = other."userId"
          WHERE mine."userId" = ${actor.userId}::uuid`
      : await tx.$queryRaw<{ id: string; name: string }[]>`
          SELECT u."id", u."name" FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
          WHERE m."organizationId" = ${actor.organizationId}::uuid AND m."userId" <> ${actor.userId}::uuid`;
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The direct conversation of the actor and `userIds`, created on first use.
 * The same people always get the same conversation: finding and creating
 * happen under a transaction lock on that set of people, so two first
 * messages at once (from two of them, or two tabs) end up in one.
 */
export async function openDirect(scope: ChatScope, userIds: string[]): Promise<{ id: string }> {
  const { tx, actor } = scope;
  const others = [...new Set(userIds.map((id) => id.toLowerCase()))].filter((id) => id !== actor.userId);
  if (others.length === 0) throw new DomainError("INVALID_INPUT", "Choose someone to write to.");
  if (others.length > MAX_OTHERS) throw new DomainError("INVALID_INPUT", `A conversation has at most ${MAX_OTHERS + 1} people. Create a channel for more.`);
  const allowed = new Set((await listDirectCandidates(scope)).map((p) => p.id));
  if (others.some((id) => !allowed.has(id))) {
    throw new DomainError(
      "NOT_FOUND",
      actor.role === "GUEST" ? "As a guest you can write only to people in a channel with you." : "Someone you chose is not a member of your organization.",
    );
  }
  const people = [actor.userId, ...others].sort();
  const key = people.join(",");
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`awan direct ${actor.organizationId} ${key}`}, 0))`;
  const [existing] = await tx.$queryRaw<{ id: string }[]>`
    SELECT c."id" FROM "Channel" c
    JOIN "ChannelMember" me ON me."channelId" = c."id" AND me."userId" = ${actor.userId}::uuid
    WHERE c."kind" = 'DIRECT' AND c."organizationId" = ${actor.organizationId}::uuid
      AND (SELECT string_agg(cm."userId"::text, ',' ORDER BY cm."userId"::text COLLATE "C") FROM "ChannelMember" cm WHERE cm."channelId" = c."id") = ${key}
    LIMIT 1`;
  if (existing) return existing;

  await joinDefaultChannel(scope);
  // A guest's conversation lives in a workspace they share with the others; any of the organization's will do.
  const workspace =
    (await tx.workspace.findFirst({ where: { organizationId: actor.organizationId, isDefault: true }, select: { id: true } })) ??
    (await tx.workspace.findFirst({ where: { organizationId: actor.organizationId }, select: { id: true } }));
  if (!workspace) throw new DomainError("NOT_FOUND", "Chat is not set up in this organization yet. Ask a member to open it first.");
  const created = await tx.channel.create({
    data: {
      organizationId: actor.organizationId,
      workspaceId: workspace.id,
      kind: "DIRECT",
      name: "",
      isPrivate: true,
      createdById: actor.userId,
      members: { create: people.map((userId) => ({ organizationId: actor.organizationId, userId })) },
    },
    select: { id: true },
  });
  // Everyone in it sees the new conversation in their list at once.
  await publishEvent(tx, chatMembershipChanged, { organizationId: actor.organizationId, data: { channelId: created.id, userIds: people } });
  return created;
}
