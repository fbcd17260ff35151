import type { ScopedDb } from "@awan/db";
import { recordActivity } from "../activity/activity-log";
import { DomainError } from "../errors";
import { copyItems } from "../files/copy";
import { findItem, findTargetFolder, type FileScope } from "../files/file-scope";
import { createFolder, kindWord, withNameCheck } from "../files/folders";
import { trashItems } from "../files/trash";
import { resolvePath, type Resolved } from "./dav-items";
import { parseDestination } from "./dav-paths";
import { depthOf, discardBody, hasBody, headerOf, send, type DavContext } from "./dav-request";

const TEXT = { "Content-Type": "text/plain; charset=utf-8" };

/** DELETE: to the trash, as in the console, so it can be restored there; the path is free again at once. */
export async function deleteItem(ctx: DavContext): Promise<void> {
  await discardBody(ctx.req);
  const depth = depthOf(ctx.req, "infinity");
  if (ctx.path.names.length === 0) throw new DomainError("FORBIDDEN", "The top of your files cannot be deleted.");
  const found = await ctx.run(async (files, driveId) => {
    const resolved = await resolvePath(files.tx, driveId, ctx.path.names);
    // Depth means nothing for a file; a folder goes with everything in it (RFC 4918 §9.6.1).
    if (resolved.item?.kind === "FOLDER" && depth !== "infinity") throw new DomainError("INVALID_INPUT", "DELETE removes a folder with everything in it: Depth must be infinity.");
    if (resolved.item) await trashItems(files, [resolved.item.id]);
    return resolved.exists;
  });
  if (!found) return send(ctx.res, 404, "Nothing is at this path.", TEXT);
  send(ctx.res, 204);
}

/** MKCOL: a new folder, in a folder that exists, where nothing is yet. */
export async function makeCollection(ctx: DavContext): Promise<void> {
  if (hasBody(ctx.req)) {
    await discardBody(ctx.req);
    return send(ctx.res, 415, "MKCOL with a body is not supported.", TEXT);
  }
  const { names } = ctx.path;
  const name = names.at(-1);
  const status = await ctx.run(async (files, driveId) => {
    const resolved = await resolvePath(files.tx, driveId, names);
    if (name === undefined || resolved.exists) return 405;
    if (!resolved.parentExists) return 409;
    await createFolder(files, { parentId: resolved.parent?.id ?? null, name });
    return 201;
  });
  if (status === 405) return send(ctx.res, 405, "Something is already at this path.", TEXT);
  if (status === 409) return send(ctx.res, 409, "The folder to create this in does not exist. Create it first.", TEXT);
  send(ctx.res, 201);
}

/**
 * COPY and MOVE (RFC 4918 §9.8, §9.9). An existing destination is
 * refused with Overwrite: F (412), and otherwise goes to the trash first
 * (204). A copy goes through the files copy service, so no bytes are
 * copied and the copy counts against the quota; dead properties come along.
 */
export async function copyOrMove(ctx: DavContext): Promise<void> {
  await discardBody(ctx.req);
  const move = ctx.req.method === "MOVE";
  const depth = depthOf(ctx.req, "infinity");
  if (depth === "1" || (move && depth !== "infinity")) throw new DomainError("INVALID_INPUT", move ? "MOVE takes Depth: infinity." : "COPY takes Depth: 0 or infinity.");
  const overwrite = (headerOf(ctx.req, "overwrite") ?? "T").trim().toUpperCase();
  if (overwrite !== "T" && overwrite !== "F") throw new DomainError("INVALID_INPUT", "Overwrite must be T or F.");
  const destination = parseDestination(headerOf(ctx.req, "destination"), ctx.req.headers.host);
  if (destination.user.toLowerCase() !== ctx.user.toLowerCase()) throw new DomainError("FORBIDDEN", "Copy and move within your own files.");
  const source = ctx.path.names;
  const target = destination.names;
  const targetName = target.at(-1);
  if (source.length === 0 || targetName === undefined) throw new DomainError("FORBIDDEN", "The top of your files cannot be copied, moved or replaced.");
  if (source.join("/") === target.join("/")) throw new DomainError("FORBIDDEN", "The source and the destination are the same.");
  if (target.length < source.length && target.every((n, i) => n === source[i])) throw new DomainError("FORBIDDEN", "A folder cannot be replaced by something inside it.");

  const status = await ctx.run(async (files, driveId) => {
    const from = await resolvePath(files.tx, driveId, source);
    if (!from.item) return 404;
    if (target.length > source.length && source.every((n, i) => n === target[i]) && from.item.kind === "FOLDER") {
      throw new DomainError("FORBIDDEN", `“${from.item.name}” cannot be put inside itself.`);
    }
    const to = await resolvePath(files.tx, driveId, target);
    if (!to.parentExists) return 409;
    if (to.exists && overwrite === "F") return 412;
    if (to.item) await trashItems(files, [to.item.id]);
    const folderId = to.parent?.id ?? null;
    if (move) await moveItemTo(files, from.item.id, folderId, targetName);
    else await copyItemTo(files, driveId, from, depth === "0", folderId, target);
    return to.exists ? 204 : 201;
  });
  if (status === 404) return send(ctx.res, 404, "Nothing is at this path.", TEXT);
  if (status === 409) return send(ctx.res, 409, "The destination's folder does not exist. Create it first.", TEXT);
  if (status === 412) return send(ctx.res, 412, "Something is already at the destination, and Overwrite: F was asked.", TEXT);
  send(ctx.res, status);
}

async function copyItemTo(files: FileScope, driveId: string, from: Resolved, shallow: boolean, folderId: string | null, target: string[]) {
  const item = from.item!;
  const name = target.at(-1)!;
  if (shallow && item.kind === "FOLDER") await createFolder(files, { parentId: folderId, name });
  else await copyItems(files, { itemIds: [item.id], folderId, name });
  const copy = (await resolvePath(files.tx, driveId, target)).item!;
  await copyDeadProperties(files.tx, item.id, copy.id, shallow);
}

/** Dead properties of a subtree onto its copy, matched by relative path, in one statement. */
async function copyDeadProperties(tx: ScopedDb, fromId: string, toId: string, shallow: boolean) {
  await tx.$executeRaw`
    WITH RECURSIVE a AS (
      SELECT "id", ''::text AS rel FROM "FileItem" WHERE "id" = ${fromId}::uuid
      UNION ALL
      SELECT c."id", a.rel || '/' || c."name" FROM a JOIN "FileItem" c ON c."parentId" = a."id" WHERE NOT ${shallow} AND c."trashedAt" IS NULL
    ), b AS (
      SELECT "id", ''::text AS rel FROM "FileItem" WHERE "id" = ${toId}::uuid
      UNION ALL
      SELECT c."id", b.rel || '/' || c."name" FROM b JOIN "FileItem" c ON c."parentId" = b."id" WHERE NOT ${shallow} AND c."trashedAt" IS NULL
    )
    INSERT INTO "DeadProperty" ("organizationId", "itemId", "namespace", "name", "value")
    SELECT p."organizationId", b."id", p."namespace", p."name", p."value" FROM a JOIN b USING (rel) JOIN "DeadProperty" p ON p."itemId" = a."id"`;
}

/** Moves and renames in one step (the files services do one or the other), with their checks. */
async function moveItemTo(files: FileScope, itemId: string, folderId: string | null, name: string) {
  const item = await findItem(files, itemId);
  const target = await findTargetFolder(files, folderId);
  if (target.path.some((p) => p.id === item.id)) throw new DomainError("FORBIDDEN", `“${item.name}” cannot be moved into itself.`);
  if (item.driveId !== target.driveId) throw new DomainError("FORBIDDEN", `“${item.name}” belongs to someone else's files.`);
  await withNameCheck(name, () => files.tx.fileItem.update({ where: { id: item.id }, data: { parentId: target.folderId, name, modifiedAt: new Date() }, select: { id: true } }));
  const summary = item.parentId === target.folderId ? `Renamed “${item.name}” to “${name}”` : `Moved “${item.name}”${item.name === name ? "" : ` as “${name}”`}`;
  await recordActivity(files.tx, files.actor, { action: `${kindWord(item.kind)}.${item.parentId === target.folderId ? "rename" : "move"}`, subjectId: item.id, summary });
}
