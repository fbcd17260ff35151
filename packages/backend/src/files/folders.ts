import { isPrismaError, PrismaErrorCode, type ItemKind, type Prisma } from "@awan/db";
import { recordActivity } from "../activity/activity-log";
import { DomainError } from "../errors";
import { viewableThroughShares } from "./access";
import { ITEM_SELECT, findItem, namesIn, findTargetFolder, nameTaken, type FileScope } from "./file-scope";
import { checkName, freeName } from "./names";

export type SortKey = "name" | "size" | "modifiedAt";
export type ListFolderInput = { folderId: string | null; sort: SortKey; direction: "asc" | "desc"; offset: number };

export const PAGE_SIZE = 500;

/** A folder's live contents, folders first, a page at a time, with the path to it for breadcrumbs. */
export async function listFolder(scope: FileScope, input: ListFolderInput) {
  const target = await findTargetFolder(scope, input.folderId, "view");
  const orderBy: Prisma.FileItemOrderByWithRelationInput[] = [{ kind: "asc" }, { [input.sort]: input.direction }, { name: "asc" }, { id: "asc" }];
  const items = await scope.tx.fileItem.findMany({
    where: { driveId: target.driveId, parentId: target.folderId, trashedAt: null },
    orderBy,
    skip: input.offset,
    take: PAGE_SIZE + 1,
    select: ITEM_SELECT,
  });
  const page = items.slice(0, PAGE_SIZE);
  const drive = await scope.tx.drive.findUniqueOrThrow({ where: { id: target.driveId }, select: { ownerWorkspaceId: true } });
  return {
    path: target.path.map(({ id, name }) => ({ id, name })),
    /** A workspace's shared folder (or one inside it): its path starts at the workspace's folder. */
    inWorkspace: drive.ownerWorkspaceId !== null,
    access: target.access,
    items: await withShortcutTargets(scope, page.map(toListed)),
    nextOffset: items.length > PAGE_SIZE ? input.offset + PAGE_SIZE : null,
  };
}

type ListableItem = { id: string; parentId: string | null; kind: ItemKind; name: string; size: bigint; contentType: string | null; modifiedAt: Date; targetId: string | null };
export type ListedItem = ReturnType<typeof toListed>;

export function toListed(item: ListableItem) {
  return {
    id: item.id,
    parentId: item.parentId,
    kind: item.kind,
    name: item.name,
    size: Number(item.size),
    contentType: item.contentType,
    modifiedAt: item.modifiedAt,
    /** For a shortcut: the shared item it leads to. */
    target: null as { id: string; kind: ItemKind } | null,
  };
}

/**
 * Fills in what each shortcut leads to (kind, size, type, date) and leaves
 * out shortcuts whose item is no longer shared with the actor or is in the
 * trash: the shortcut stays, and comes back if the share does.
 */
export async function withShortcutTargets(scope: FileScope, items: ListedItem[]): Promise<ListedItem[]> {
  const shortcuts = items.filter((item) => item.kind === "SHORTCUT");
  if (shortcuts.length === 0) return items;
  const rows = await scope.tx.fileItem.findMany({
    where: { shortcuts: { some: { id: { in: shortcuts.map((s) => s.id) } } } },
    select: { id: true, kind: true, size: true, contentType: true, modifiedAt: true, shortcuts: { where: { id: { in: shortcuts.map((s) => s.id) } }, select: { id: true } } },
  });
  const viewable = await viewableThroughShares(scope.tx, scope.actor.userId, rows.map((r) => r.id));
  const targets = new Map(rows.flatMap((r) => r.shortcuts.map((s) => [s.id, r] as const)));
  return items.flatMap((item) => {
    if (item.kind !== "SHORTCUT") return [item];
    const target = targets.get(item.id);
    if (!target || !viewable.has(target.id)) return [];
    return [{ ...item, size: Number(target.size), contentType: target.contentType, modifiedAt: target.modifiedAt, target: { id: target.id, kind: target.kind } }];
  });
}

/** Inserts or renames, turning the live-name index's refusal into a clear CONFLICT. */
export async function withNameCheck<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPrismaError(error, PrismaErrorCode.UniqueConstraint)) throw nameTaken(name);
    throw error;
  }
}

export async function createFolder(scope: FileScope, input: { parentId: string | null; name: string }) {
  const asked = checkName(input.name);
  const target = await findTargetFolder(scope, input.parentId, "upload");
  // Where one may only add, refusing a taken name would reveal the folder's contents name by name: the new folder gets a free one.
  const taken = target.access.view ? null : await namesIn(scope.tx, target.driveId, target.folderId);
  const name = taken ? freeName(asked, (n) => taken.has(n)) : asked;
  const folder = await withNameCheck(name, () =>
    scope.tx.fileItem.create({
      data: { organizationId: scope.actor.organizationId, driveId: target.driveId, parentId: target.folderId, kind: "FOLDER", name, createdById: scope.actor.userId },
      select: ITEM_SELECT,
    }),
  );
  await recordActivity(scope.tx, scope.actor, { action: "folder.create", subjectId: folder.id, summary: `Created the folder “${name}”` });
  return toListed(folder);
}

/**
 * Makes sure each relative folder path (["Photos", "2026"]) exists under
 * `parentId`, reusing folders that are there: what a folder upload needs
 * before its files go in. Returns each path's folder id, keyed by "a/b".
 */
export async function ensureFolders(scope: FileScope, input: { parentId: string | null; paths: string[][] }): Promise<Record<string, string>> {
  const target = await findTargetFolder(scope, input.parentId, "upload");
  const ids: Record<string, string> = {};
  const topNames = target.access.view ? null : await namesIn(scope.tx, target.driveId, target.folderId);
  const sorted = [...input.paths].sort((a, b) => a.length - b.length);
  let created = 0;
  for (const segments of sorted) {
    let parentId = target.folderId;
    for (let depth = 0; depth < segments.length; depth++) {
      const key = segments.slice(0, depth + 1).join("/");
      const known = ids[key];
      if (known) {
        parentId = known;
        continue;
      }
      let name = checkName(segments[depth]!);
      // Someone who may only add to the folder neither learns what is in it nor adds to it: their folders are new, under a free name.
      const fresh = depth === 0 && topNames !== null;
      if (fresh) topNames.add((name = freeName(name, (n) => topNames.has(n))));
      const existing = fresh ? null : await scope.tx.fileItem.findFirst({ where: { driveId: target.driveId, parentId, name, trashedAt: null }, select: { id: true, kind: true } });
      if (existing && existing.kind !== "FOLDER") throw new DomainError("CONFLICT", `“${key}” is a file, so a folder of that name cannot be made there.`);
      const id =
        existing?.id ??
        (
          await scope.tx.fileItem.create({
            data: { organizationId: scope.actor.organizationId, driveId: target.driveId, parentId, kind: "FOLDER", name, createdById: scope.actor.userId },
            select: { id: true },
          })
        ).id;
      if (!existing) created++;
      ids[key] = id;
      parentId = id;
    }
  }
  if (created > 0) await recordActivity(scope.tx, scope.actor, { action: "folder.create", summary: `Created ${created} folder${created === 1 ? "" : "s"} for an upload` });
  return ids;
}

export async function renameItem(scope: FileScope, input: { itemId: string; name: string }) {
  const name = checkName(input.name);
  const item = await findItem(scope, input.itemId);
  if (item.name === name) return toListed(item);
  const renamed = await withNameCheck(name, () =>
    scope.tx.fileItem.update({ where: { id: item.id }, data: { name, modifiedAt: new Date() }, select: ITEM_SELECT }),
  );
  await recordActivity(scope.tx, scope.actor, { action: `${kindWord(item.kind)}.rename`, subjectId: item.id, summary: `Renamed “${item.name}” to “${name}”` });
  return toListed(renamed);
}

/** Moves items into a folder (null: the top), refusing to put a folder inside itself. */
export async function moveItems(scope: FileScope, input: { itemIds: string[]; folderId: string | null }) {
  const target = await findTargetFolder(scope, input.folderId);
  const above = new Set(target.path.map((p) => p.id));
  for (const itemId of input.itemIds) {
    const item = await findItem(scope, itemId);
    if (above.has(item.id)) throw new DomainError("INVALID_INPUT", `“${item.name}” cannot be moved into itself.`);
    if (item.parentId === target.folderId) continue;
    if (item.driveId !== target.driveId) throw new DomainError("INVALID_INPUT", `“${item.name}” belongs to someone else's files: copy it instead of moving it.`);
    await withNameCheck(item.name, () => scope.tx.fileItem.update({ where: { id: item.id }, data: { parentId: target.folderId }, select: { id: true } }));
    await recordActivity(scope.tx, scope.actor, { action: `${kindWord(item.kind)}.move`, subjectId: item.id, summary: `Moved “${item.name}”` });
  }
}

export const kindWord = (kind: ItemKind) => (kind === "FILE" ? "file" : kind === "FOLDER" ? "folder" : "shortcut");
