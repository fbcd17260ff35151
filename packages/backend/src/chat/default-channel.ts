import { Prisma } from "@awan/db";
import { hasRole } from "../tenancy/roles";
import type { ChatScope } from "./chat-scope";

export const GENERAL_CHANNEL = "general";
const DEFAULT_WORKSPACE = "General";

/**
 * Puts the actor in the organization's default workspace and its #general,
 * creating both on the organization's first chat use. Several first requests
 * at once all succeed: each insert yields to the one that won (the partial
 * unique indexes of the chat migration). Guests join only where invited.
 */
export async function joinDefaultChannel({ tx, actor }: ChatScope): Promise<void> {
  const { organizationId, userId } = actor;
  if (actor.role === "GUEST") return;
  const [found] = await tx.$queryRaw<{ joined: boolean }[]>`
    SELECT cm."userId" IS NOT NULL AS joined FROM "Channel" c
    JOIN "Workspace" w ON w."id" = c."workspaceId" AND w."isDefault"
    LEFT JOIN "ChannelMember" cm ON cm."channelId" = c."id" AND cm."userId" = ${userId}::uuid
    WHERE c."isDefault" AND c."organizationId" = ${organizationId}::uuid`;
  if (found?.joined) return;
  await tx.$executeRaw`INSERT INTO "Workspace" ("id", "organizationId", "name", "isDefault")
    VALUES (gen_random_uuid(), ${organizationId}::uuid, ${DEFAULT_WORKSPACE}, true) ON CONFLICT DO NOTHING`;
  const workspace = await tx.workspace.findFirstOrThrow({ where: { organizationId, isDefault: true }, select: { id: true } });
  await tx.$executeRaw`INSERT INTO "Channel" ("id", "organizationId", "workspaceId", "name", "isDefault", "topic")
    VALUES (gen_random_uuid(), ${organizationId}::uuid, ${workspace.id}::uuid, ${GENERAL_CHANNEL}, true, 'Everyone in the organization.')
    ON CONFLICT DO NOTHING`;
  const channel = await tx.channel.findFirstOrThrow({ where: { workspaceId: workspace.id, isDefault: true }, select: { id: true } });
  const admin = hasRole(actor.role, "ADMIN");
  await tx.$executeRaw`INSERT INTO "WorkspaceMember" ("organizationId", "workspaceId", "userId", "role")
    VALUES (${organizationId}::uuid, ${workspace.id}::uuid, ${userId}::uuid, ${admin ? "ADMIN" : "MEMBER"}::"WorkspaceRole") ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`INSERT INTO "ChannelMember" ("organizationId", "channelId", "userId", "isAdmin")
    VALUES (${organizationId}::uuid, ${channel.id}::uuid, ${userId}::uuid, ${admin}) ON CONFLICT DO NOTHING`;
}

/**
 * Puts these people in the organization's #general (and its workspace) if
 * `channelId` is #general and they are non-guest members who have not opened
 * Chat yet: they belong there anyway, so mentioning them there reaches them.
 */
export async function joinGeneralIfDefault({ tx, actor }: ChatScope, channelId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const people = Prisma.join(userIds.map((id) => Prisma.sql`${id}::uuid`));
  await tx.$executeRaw`INSERT INTO "WorkspaceMember" ("organizationId", "workspaceId", "userId", "role")
    SELECT m."organizationId", c."workspaceId", m."userId", (CASE WHEN m."role" IN ('OWNER', 'ADMIN') THEN 'ADMIN' ELSE 'MEMBER' END)::"WorkspaceRole"
    FROM "Channel" c JOIN "Membership" m ON m."organizationId" = c."organizationId"
    WHERE c."id" = ${channelId}::uuid AND c."isDefault" AND m."role" <> 'GUEST' AND m."userId" IN (${people})
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`INSERT INTO "ChannelMember" ("organizationId", "channelId", "userId", "isAdmin")
    SELECT m."organizationId", c."id", m."userId", m."role" IN ('OWNER', 'ADMIN')
    FROM "Channel" c JOIN "Membership" m ON m."organizationId" = c."organizationId"
    WHERE c."id" = ${channelId}::uuid AND c."isDefault" AND m."role" <> 'GUEST' AND m."userId" IN (${people}) AND m."organizationId" = ${actor.organizationId}::uuid
    ON CONFLICT DO NOTHING`;
}

/** Everyone who belongs in #general: its members and the non-guest members of the organization who have not opened Chat yet. */
export async function generalMembers({ tx, actor }: ChatScope): Promise<{ id: string; name: string }[]> {
  return tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT u."id", u."name" FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
    WHERE m."organizationId" = ${actor.organizationId}::uuid AND (m."role" <> 'GUEST' OR EXISTS (
      SELECT 1 FROM "ChannelMember" cm JOIN "Channel" c ON c."id" = cm."channelId" AND c."isDefault"
      WHERE cm."userId" = m."userId" AND c."organizationId" = m."organizationId"))`;
}
