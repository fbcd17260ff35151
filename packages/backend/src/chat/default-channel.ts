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
