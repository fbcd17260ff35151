import type { ScopedDb } from "@awan/db";
import type { AfterCommit } from "../after-commit";
import { DomainError } from "../errors";
import type { Actor } from "../tenancy/memberships";

/**
 * What every files service works with: the organization-scoped transaction,
 * who acts, and a place for work that must wait until the transaction has
 * committed (deleting stored bytes that nothing references any more).
 */
export type FileScope = { tx: ScopedDb; actor: Actor; afterCommit: AfterCommit };

/** The id of the actor's "My files" drive in the organization, created on first use. */
export async function myDriveId({ tx, actor }: Pick<FileScope, "tx" | "actor">): Promise<string> {
  const where = { organizationId_ownerUserId: { organizationId: actor.organizationId, ownerUserId: actor.userId } };
  const found = await tx.drive.findUnique({ where, select: { id: true } });
  if (found) return found.id;
  // Several first requests at once (a folder upload) all create it: one insert wins, none fails.
  await tx.$executeRaw`INSERT INTO "Drive" ("id", "organizationId", "ownerUserId") VALUES (gen_random_uuid(), ${actor.organizationId}::uuid, ${actor.userId}::uuid)
    ON CONFLICT ("organizationId", "ownerUserId") DO NOTHING`;
  return (await tx.drive.findUniqueOrThrow({ where, select: { id: true } })).id;
}

export type ItemState = "live" | "trashed" | "any";

export const ITEM_SELECT = {
  id: true,
  driveId: true,
  parentId: true,
  kind: true,
  name: true,
  size: true,
  contentType: true,
  currentVersionId: true,
  createdAt: true,
  modifiedAt: true,
  trashedAt: true,
} as const;

type PathEntry = { id: string; name: string; trashedAt: Date | null };

/** The folders from the top of the drive down to the item, the item last. */
export async function pathOf(tx: ScopedDb, itemId: string): Promise<PathEntry[]> {
  const rows = await tx.$queryRaw<(PathEntry & { depth: number })[]>`
    WITH RECURSIVE up AS (
      SELECT "id", "parentId", "name", "trashedAt", 0 AS depth FROM "FileItem" WHERE "id" = ${itemId}::uuid
      UNION ALL
      SELECT f."id", f."parentId", f."name", f."trashedAt", up.depth + 1 FROM "FileItem" f JOIN up ON f."id" = up."parentId"
    )
    SELECT "id", "name", "trashedAt", depth FROM up ORDER BY depth DESC`;
  return rows.map(({ id, name, trashedAt }) => ({ id, name, trashedAt }));
}

/** pathOf for many items in one query: each item's path, keyed by its id. */
export async function pathsOf(tx: ScopedDb, itemIds: string[]): Promise<Map<string, PathEntry[]>> {
  if (itemIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<(PathEntry & { start: string; depth: number })[]>`
    WITH RECURSIVE up AS (
      SELECT "id" AS start, "id", "parentId", "name", "trashedAt", 0 AS depth FROM "FileItem" WHERE "id" = ANY(${itemIds}::uuid[])
      UNION ALL
      SELECT up.start, f."id", f."parentId", f."name", f."trashedAt", up.depth + 1 FROM "FileItem" f JOIN up ON f."id" = up."parentId"
    )
    SELECT start, "id", "name", "trashedAt", depth FROM up ORDER BY start, depth DESC`;
  const paths = new Map<string, PathEntry[]>();
  for (const { start, id, name, trashedAt } of rows) paths.set(start, [...(paths.get(start) ?? []), { id, name, trashedAt }]);
  return paths;
}

/**
 * An item of the actor's drive, or NOT_FOUND: another person's item and
 * another organization's look exactly like one that does not exist. "Live"
 * means neither it nor a folder above it is in the trash; "trashed" means it
 * was put in the trash itself. A live item comes with its path from the top
 * of the drive (itself last).
 */
export async function findItem(scope: Pick<FileScope, "tx" | "actor">, id: string, state: ItemState = "live", kind?: "FILE" | "FOLDER") {
  const { organizationId, userId } = scope.actor;
  const item = await scope.tx.fileItem.findFirst({
    where: { id, drive: { organizationId, ownerUserId: userId }, ...(kind && { kind }), ...(state === "trashed" && { trashedAt: { not: null } }) },
    select: ITEM_SELECT,
  });
  const what = kind === "FOLDER" ? "folder" : kind === "FILE" ? "file" : "item";
  if (!item) throw new DomainError("NOT_FOUND", `This ${what} does not exist, or you cannot see it.`);
  // Where it is: the live check needs it, and breadcrumbs show it.
  const path = state === "live" ? await pathOf(scope.tx, id) : [];
  if (path.some((p) => p.trashedAt)) throw new DomainError("NOT_FOUND", `This ${what} is in the trash.`);
  return { ...item, path };
}

/** A live folder to put things in, with its path for breadcrumbs; null is the top of the drive. */
export async function findTargetFolder(
  scope: Pick<FileScope, "tx" | "actor">,
  folderId: string | null,
): Promise<{ driveId: string; folderId: string | null; path: PathEntry[] }> {
  if (folderId === null) return { driveId: await myDriveId(scope), folderId: null, path: [] };
  const folder = await findItem(scope, folderId, "live", "FOLDER");
  return { driveId: folder.driveId, folderId: folder.id, path: folder.path };
}

/** Names of the live items in a folder. */
export async function namesIn(tx: ScopedDb, driveId: string, folderId: string | null): Promise<Set<string>> {
  const rows = await tx.fileItem.findMany({ where: { driveId, parentId: folderId, trashedAt: null }, select: { name: true } });
  return new Set(rows.map((r) => r.name));
}

export function nameTaken(name: string): DomainError {
  return new DomainError("CONFLICT", `Something named “${name}” is already in this folder.`);
}
