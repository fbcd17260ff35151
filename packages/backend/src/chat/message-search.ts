import { Prisma } from "@awan/db";
import { DomainError } from "../errors";
import { queryTerms, snippet, type SnippetPart } from "../search/search-words";
import type { Actor } from "../tenancy/memberships";
import { chatKey, type ChatScope } from "./chat-scope";
import { joinDefaultChannel } from "./default-channel";
import { mentionedPeople, withMentionNames } from "./mentions";
import { openText } from "./message-cipher";
import { searchTokens } from "./search-index";

export const SEARCH_PAGE_SIZE = 20;
const MAX_TERMS = 16;

type MatchRow = {
  id: string;
  channelId: string;
  parentId: string | null;
  seq: bigint;
  body: Uint8Array;
  authorId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  channelName: string;
  channelKind: "CHANNEL" | "DIRECT";
  channelIsPrivate: boolean;
};

export type MessageSearchResult = {
  id: string;
  /** The thread's first message when this is a reply. */
  parentId: string | null;
  seq: string;
  channel: { id: string; kind: "CHANNEL" | "DIRECT"; name: string; isPrivate: boolean };
  author: { id: string; name: string } | null;
  createdAt: Date;
  editedAt: Date | null;
  snippet: SnippetPart[];
};

/**
 * The messages the actor can read that contain every word of `query` (a
 * word of 3 to 12 letters also finds the words it begins), newest first, a
 * page at a time from `before` (a seq). What the actor can read is what
 * chat.messages lets them open: channels and conversations they are in, and
 * the public channels of workspaces they belong to as a member (not as a
 * guest), joined or not. Deleted messages are never found.
 *
 * The words are looked up by their tokens through the (organizationId,
 * token) index; only the page's bodies are opened, to make the snippets.
 */
export async function searchMessages(scope: ChatScope, query: string, before: string | null, limit = SEARCH_PAGE_SIZE) {
  const { tx, actor } = scope;
  const terms = queryTerms(query);
  if (terms.length === 0) throw new DomainError("INVALID_INPUT", "Type a word of at least two letters to search for.");
  if (terms.length > MAX_TERMS) throw new DomainError("INVALID_INPUT", `Search for at most ${MAX_TERMS} words at a time.`);
  await joinDefaultChannel(scope);
  const tokens = await searchTokens(tx, actor.organizationId, terms);
  const rows = await tx.$queryRaw<MatchRow[]>(matchingMessagesQuery(actor, tokens, before, limit + 1));
  const page = rows.slice(0, limit);
  return {
    results: await present(scope, page, terms),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
  };
}

/**
 * The newest messages, below `before`, that have every one of `tokens` and
 * that the actor can read. The tokens are looked up through the
 * (organizationId, token) index; the messages then by their ids.
 */
export function matchingMessagesQuery(actor: Actor, tokens: Uint8Array[], before: string | null, limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH matched AS (
      SELECT t."messageId" FROM "MessageSearchToken" t
      WHERE t."organizationId" = ${actor.organizationId}::uuid AND t."token" = ANY(${tokens}::bytea[])
      GROUP BY t."messageId" HAVING count(*) = ${tokens.length}
    )
    SELECT m."id", m."channelId", m."parentId", m."seq", m."body", m."authorId", m."createdAt", m."editedAt",
      c."name" AS "channelName", c."kind"::text AS "channelKind", c."isPrivate" AS "channelIsPrivate"
    FROM matched
    JOIN "Message" m ON m."id" = matched."messageId"
    JOIN "Channel" c ON c."id" = m."channelId"
    WHERE m."deletedAt" IS NULL AND m."body" IS NOT NULL
      AND (${before}::bigint IS NULL OR m."seq" < ${before}::bigint)
      AND (
        EXISTS (SELECT 1 FROM "ChannelMember" cm WHERE cm."channelId" = c."id" AND cm."userId" = ${actor.userId}::uuid)
        OR (c."kind" = 'CHANNEL' AND NOT c."isPrivate" AND EXISTS (
          SELECT 1 FROM "WorkspaceMember" wm
          WHERE wm."workspaceId" = c."workspaceId" AND wm."userId" = ${actor.userId}::uuid AND wm."role" <> 'GUEST'
        ))
      )
    ORDER BY m."seq" DESC
    LIMIT ${limit}`;
}

/** Opens the page's bodies for their snippets and names authors and conversations. */
async function present(scope: ChatScope, rows: MatchRow[], terms: string[]): Promise<MessageSearchResult[]> {
  if (rows.length === 0) return [];
  const { tx, actor } = scope;
  const key = await chatKey(scope);
  const direct = [...new Set(rows.filter((r) => r.channelKind === "DIRECT").map((r) => r.channelId))];
  const people = await tx.channelMember.findMany({
    where: { channelId: { in: direct }, userId: { not: actor.userId } },
    select: { channelId: true, membership: { select: { user: { select: { name: true } } } } },
  });
  const authorIds = [...new Set(rows.flatMap((r) => (r.authorId ? [r.authorId] : [])))];
  const authors = new Map((await tx.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const directName = (channelId: string) =>
    people
      .filter((p) => p.channelId === channelId)
      .map((p) => p.membership.user.name)
      .sort()
      .join(", ") || "Only you";
  const bodies = await Promise.all(rows.map((r) => openText(key, actor.organizationId, r.id, r.body)));
  const named = await mentionedPeople(tx, actor.organizationId, bodies);
  return rows.map((r, i) => ({
    id: r.id,
    parentId: r.parentId,
    seq: String(r.seq),
    channel: {
      id: r.channelId,
      kind: r.channelKind,
      name: r.channelKind === "DIRECT" ? directName(r.channelId) : r.channelName,
      isPrivate: r.channelIsPrivate,
    },
    author: r.authorId ? { id: r.authorId, name: authors.get(r.authorId) ?? "Former member" } : null,
    createdAt: r.createdAt,
    editedAt: r.editedAt,
    snippet: snippet(withMentionNames(bodies[i]!, named), terms),
  }));
}
