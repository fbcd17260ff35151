import { Prisma, type ItemKind } from "@awan/db";
import { myDriveId, pathsOf, type FileScope } from "./file-scope";
import { toListed, withShortcutTargets } from "./folders";

export const SEARCH_PAGE = 50;

export type SearchCursor = { modifiedAt: Date; id: string };

type FoundRow = { id: string; parentId: string | null; kind: ItemKind; name: string; size: bigint; contentType: string | null; modifiedAt: Date; targetId: string | null };

/**
 * Live items whose name contains `query`, anywhere in the actor's drive,
 * most recently changed first (ties by id), a page at a time after `after`,
 * with the folder each is in.
 */
export async function searchItems(scope: FileScope, query: string, after?: SearchCursor) {
  const driveId = await myDriveId(scope);
  // % and _ in a name are searched for as themselves, not as LIKE's wildcards.
  const pattern = `%${query.normalize("NFC").replace(/[\\%_]/g, "\\$&")}%`;
  const afterPosition = after
    ? Prisma.sql`AND (i."modifiedAt" < ${after.modifiedAt}::timestamp OR (i."modifiedAt" = ${after.modifiedAt}::timestamp AND i."id" > ${after.id}::uuid))`
    : Prisma.empty;
  // Items inside a trashed folder are left out here, not after the LIMIT, so that every page but the last is full.
  const rows = await scope.tx.$queryRaw<FoundRow[]>`
    SELECT i."id", i."parentId", i."kind"::text AS kind, i."name", i."size", i."contentType", i."modifiedAt", i."targetId"
    FROM "FileItem" i
    WHERE i."driveId" = ${driveId}::uuid AND i."trashedAt" IS NULL AND i."name" ILIKE ${pattern} ${afterPosition}
      AND NOT EXISTS (
        WITH RECURSIVE up AS (
          SELECT f."parentId", f."trashedAt" FROM "FileItem" f WHERE f."id" = i."parentId"
          UNION ALL
          SELECT f."parentId", f."trashedAt" FROM "FileItem" f JOIN up ON f."id" = up."parentId" WHERE up."trashedAt" IS NULL
        )
        SELECT 1 FROM up WHERE up."trashedAt" IS NOT NULL)
    ORDER BY i."modifiedAt" DESC, i."id" ASC
    LIMIT ${SEARCH_PAGE + 1}`;
  const page = rows.slice(0, SEARCH_PAGE);
  const paths = await pathsOf(scope.tx, page.map((item) => item.id));
  // Shortcuts to something no longer shared drop out here, so a page may hold fewer than SEARCH_PAGE.
  const listed = await withShortcutTargets(scope, page.map(toListed));
  const last = page.at(-1);
  return {
    items: listed.map((item) => ({ ...item, folderPath: (paths.get(item.id) ?? []).slice(0, -1).map(({ id, name }) => ({ id, name })) })),
    nextCursor: rows.length > SEARCH_PAGE && last ? { modifiedAt: last.modifiedAt, id: last.id } : null,
  };
}
