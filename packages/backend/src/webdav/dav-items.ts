import { Prisma, type ScopedDb } from "@awan/db";
import { DomainError } from "../errors";

/**
 * An item of the person's drive as WebDAV shows it. Shortcuts (to items
 * others shared) are not part of the WebDAV tree: it is the person's own files.
 */
export type DavItem = {
  id: string;
  parentId: string | null;
  kind: "FILE" | "FOLDER";
  name: string;
  size: bigint;
  contentType: string | null;
  createdAt: Date;
  modifiedAt: Date;
  /** The current version's content digest; null for folders. */
  digest: string | null;
  blobId: string | null;
};

export const DAV_ITEM_COLUMNS = Prisma.sql`i."id", i."parentId", i."kind"::text AS kind, i."name", i."size", i."contentType", i."createdAt", i."modifiedAt", b."digest", v."blobId"`;
export const DAV_ITEM_CONTENT = Prisma.sql`LEFT JOIN "FileVersion" v ON v."id" = i."currentVersionId" LEFT JOIN "Blob" b ON b."id" = v."blobId"`;

/**
 * Walks `names` down from the top of the drive in one query: the live item
 * at each depth, as far as the path exists (shorter than `names` when it
 * stops). A file in the middle of a path ends the walk there.
 */
export async function walkPath(tx: ScopedDb, driveId: string, names: string[]): Promise<DavItem[]> {
  if (names.length === 0) return [];
  return tx.$queryRaw<DavItem[]>`
    WITH RECURSIVE walk AS (
      SELECT i."id", i."kind", 1 AS depth FROM "FileItem" i
      WHERE i."driveId" = ${driveId}::uuid AND i."parentId" IS NULL AND i."name" = (${names}::text[])[1]
        AND i."trashedAt" IS NULL AND i."kind" <> 'SHORTCUT'
      UNION ALL
      SELECT c."id", c."kind", walk.depth + 1 FROM walk JOIN "FileItem" c ON c."parentId" = walk."id"
      WHERE walk."kind" = 'FOLDER' AND walk.depth < cardinality(${names}::text[]) AND c."name" = (${names}::text[])[walk.depth + 1]
        AND c."trashedAt" IS NULL AND c."kind" <> 'SHORTCUT'
    )
    SELECT ${DAV_ITEM_COLUMNS} FROM walk JOIN "FileItem" i ON i."id" = walk."id" ${DAV_ITEM_CONTENT} ORDER BY walk.depth`;
}

/** The live contents of a folder (null: the top of the drive), in one query whatever their number. */
export function listChildren(tx: ScopedDb, driveId: string, folderId: string | null): Promise<DavItem[]> {
  const parent = folderId === null ? Prisma.sql`i."parentId" IS NULL` : Prisma.sql`i."parentId" = ${folderId}::uuid`;
  return tx.$queryRaw<DavItem[]>`
    SELECT ${DAV_ITEM_COLUMNS} FROM "FileItem" i ${DAV_ITEM_CONTENT}
    WHERE i."driveId" = ${driveId}::uuid AND ${parent} AND i."trashedAt" IS NULL AND i."kind" <> 'SHORTCUT'
    ORDER BY i."name"`;
}

/** What a path names: the item, or null for the top of the drive (a collection with no row). */
export type Resolved = { item: DavItem | null; parent: DavItem | null; exists: boolean; parentExists: boolean };

/**
 * Where `names` leads in the drive: whether it exists, and whether the
 * folder it would be in does (a PUT, MKCOL or COPY there needs it).
 */
export async function resolvePath(tx: ScopedDb, driveId: string, names: string[]): Promise<Resolved> {
  return resolvedFrom(names, names.length === 0 ? [] : await walkPath(tx, driveId, names));
}

/** Where `names` leads, given the items walked down it (as far as it exists). */
export function resolvedFrom(names: string[], walked: DavItem[]): Resolved {
  if (names.length === 0) return { item: null, parent: null, exists: true, parentExists: true };
  const exists = walked.length === names.length;
  const parentDepth = names.length - 1;
  const parent = parentDepth === 0 ? null : (walked[parentDepth - 1] ?? null);
  const parentExists = parentDepth === 0 || (parent !== null && parent.kind === "FOLDER");
  return { item: exists ? walked[names.length - 1]! : null, parent, exists, parentExists };
}

/** The id of the folder things go into: the resolved item itself, or null for the drive's top. */
export function folderIdOf(resolved: Resolved): string | null {
  if (!resolved.exists) throw new DomainError("NOT_FOUND", "This folder does not exist.");
  if (resolved.item && resolved.item.kind !== "FOLDER") throw new DomainError("CONFLICT", `“${resolved.item.name}” is a file, not a folder.`);
  return resolved.item?.id ?? null;
}
