import type { ScopedDb } from "@awan/db";
import type { Actor } from "../tenancy/memberships";

/**
 * The channels whose messages reach the actor's live feed: the ones they are
 * in, and the public channels of workspaces they belong to (not as a guest),
 * which they may open and are joined to on first use (see findChannel).
 */
export async function readableChannelIds(tx: ScopedDb, actor: Actor): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT c."id" FROM "Channel" c
    WHERE EXISTS (SELECT 1 FROM "ChannelMember" cm WHERE cm."channelId" = c."id" AND cm."userId" = ${actor.userId}::uuid)
      OR (c."kind" = 'CHANNEL' AND NOT c."isPrivate" AND EXISTS (
        SELECT 1 FROM "WorkspaceMember" wm WHERE wm."workspaceId" = c."workspaceId" AND wm."userId" = ${actor.userId}::uuid AND wm."role" <> 'GUEST'))`;
  return new Set(rows.map((r) => r.id));
}
