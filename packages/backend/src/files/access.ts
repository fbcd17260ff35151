import type { ScopedDb } from "@awan/db";
import { DomainError } from "../errors";

/**
 * What a person may do with an item. The drive's owner may do everything;
 * anyone else only what a share on the item or a folder above it grants,
 * to them or to a group they are in.
 */
export type Access = { own: boolean; view: boolean; edit: boolean; upload: boolean };
export type Need = keyof Access;

export const OWNER_ACCESS: Access = { own: true, view: true, edit: true, upload: true };

type ShareRole = "VIEWER" | "EDITOR" | "UPLOADER";

/**
 * The access shares give `userId` to the item at the end of `pathIds` (the
 * folders from the top of its drive down to it), and where the top-most
 * granting share sits in that path: the recipient sees nothing above it.
 * Null when no share reaches the item.
 */
export async function sharedAccess(tx: ScopedDb, userId: string, pathIds: string[]): Promise<{ access: Access; rootIndex: number } | null> {
  const grants = await tx.$queryRaw<{ itemId: string; role: ShareRole }[]>`
    SELECT s."itemId", s."role"::text AS role FROM "Share" s
    WHERE s."itemId" = ANY(${pathIds}::uuid[])
      AND (s."userId" = ${userId}::uuid OR s."groupId" IN (SELECT "groupId" FROM "GroupMember" WHERE "userId" = ${userId}::uuid))`;
  if (grants.length === 0) return null;
  const roles = new Set(grants.map((g) => g.role));
  return {
    access: { own: false, view: roles.has("VIEWER") || roles.has("EDITOR"), edit: roles.has("EDITOR"), upload: roles.has("EDITOR") || roles.has("UPLOADER") },
    rootIndex: Math.min(...grants.map((g) => pathIds.indexOf(g.itemId))),
  };
}

/**
 * Of `itemIds`, those `userId` may view through a share and that are live
 * (neither they nor a folder above them in the trash), in one query: what a
 * list of shortcuts or of "Shared with me" shows.
 */
export async function viewableThroughShares(tx: ScopedDb, userId: string, itemIds: string[]): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ start: string }[]>`
    WITH RECURSIVE up AS (
      SELECT "id" AS start, "id", "parentId", "trashedAt" FROM "FileItem" WHERE "id" = ANY(${itemIds}::uuid[])
      UNION ALL
      SELECT up.start, f."id", f."parentId", f."trashedAt" FROM "FileItem" f JOIN up ON f."id" = up."parentId"
    )
    SELECT up.start FROM up
    GROUP BY up.start
    HAVING bool_and(up."trashedAt" IS NULL)
      AND bool_or(EXISTS (
        SELECT 1 FROM "Share" s WHERE s."itemId" = up."id" AND s."role" IN ('VIEWER', 'EDITOR')
          AND (s."userId" = ${userId}::uuid OR s."groupId" IN (SELECT "groupId" FROM "GroupMember" WHERE "userId" = ${userId}::uuid))))`;
  return new Set(rows.map((r) => r.start));
}

const REFUSALS: Record<Need, string> = {
  own: "Only its owner can do this.",
  view: "You can add files to this folder, but not see what is in it.",
  edit: "You can view this, but not change it. Ask its owner for edit access.",
  upload: "You can view this folder, but not add files to it. Ask its owner for edit access.",
};

export function requireAccess(access: Access, need: Need): void {
  if (!access[need]) throw new DomainError("FORBIDDEN", REFUSALS[need]);
}
