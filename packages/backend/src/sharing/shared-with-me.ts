import type { ItemKind } from "@awan/db";
import type { FileScope } from "../files/file-scope";
import { combineRoles, type ShareRole } from "./share-roles";

export const SHARED_PAGE_SIZE = 100;

type Row = {
  id: string;
  kind: ItemKind;
  name: string;
  size: bigint;
  contentType: string | null;
  modifiedAt: Date;
  ownerUserId: string;
  roles: ShareRole[];
  sharedAt: Date;
};

/**
 * What others shared with the actor, directly or through a group, newest
 * share first, a page at a time: live items only (neither they nor a folder
 * above them in the trash), never the actor's own.
 */
export async function listSharedWithMe({ tx, actor }: FileScope, offset: number) {
  const me = actor.userId;
  const rows = await tx.$queryRaw<Row[]>`
    WITH RECURSIVE shared AS (
      SELECT s."itemId", array_agg(DISTINCT s."role"::text) AS roles, max(s."createdAt") AS "sharedAt" FROM "Share" s
      WHERE s."userId" = ${me}::uuid OR s."groupId" IN (SELECT "groupId" FROM "GroupMember" WHERE "userId" = ${me}::uuid)
      GROUP BY s."itemId"
    ),
    up AS (
      SELECT f."id" AS start, f."id", f."parentId", f."trashedAt" FROM shared JOIN "FileItem" f ON f."id" = shared."itemId"
      UNION ALL
      SELECT up.start, f."id", f."parentId", f."trashedAt" FROM "FileItem" f JOIN up ON f."id" = up."parentId"
    ),
    live AS (SELECT start FROM up GROUP BY start HAVING bool_and("trashedAt" IS NULL))
    SELECT i."id", i."kind"::text AS kind, i."name", i."size", i."contentType", i."modifiedAt", d."ownerUserId", shared.roles, shared."sharedAt"
    FROM shared
    JOIN live ON live.start = shared."itemId"
    JOIN "FileItem" i ON i."id" = shared."itemId"
    JOIN "Drive" d ON d."id" = i."driveId"
    WHERE d."ownerUserId" <> ${me}::uuid AND i."kind" <> 'SHORTCUT'
    ORDER BY shared."sharedAt" DESC, i."id"
    LIMIT ${SHARED_PAGE_SIZE + 1} OFFSET ${offset}`;
  const page = rows.slice(0, SHARED_PAGE_SIZE);
  const owners = await tx.membership.findMany({
    where: { organizationId: actor.organizationId, userId: { in: [...new Set(page.map((r) => r.ownerUserId))] } },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  const ownerById = new Map(owners.map((o) => [o.user.id, o.user]));
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      size: Number(r.size),
      contentType: r.contentType,
      modifiedAt: r.modifiedAt,
      sharedAt: r.sharedAt,
      owner: ownerById.get(r.ownerUserId) ?? { id: r.ownerUserId, name: "A former member", email: "" },
      ...combineRoles(r.roles),
    })),
    /** Where the next page starts; null when this is the last. */
    nextOffset: rows.length > SHARED_PAGE_SIZE ? offset + SHARED_PAGE_SIZE : null,
  };
}
