import { getFilesConfig } from "../config";
import { DomainError } from "../errors";
import type { FileScope } from "../files/file-scope";
import { formatBytes } from "../files/format-bytes";
import { releaseBytes, usage } from "../files/quota";
import { SMALL_FILE_MAX_BYTES } from "../files/batch-limits";
import type { CheckedEntry } from "../files/small-files";
import { cancelUpload, completeUpload, createUpload } from "../files/uploads";
import { getStorageEngine } from "../storage";
import { resolvePath } from "./dav-items";
import type { DavUsage } from "./dav-lookup";
import { send, type DavContext } from "./dav-request";
import { putSmallFile } from "./small-puts";

/**
 * PUT: the body streams into the storage engine as a tus upload does (an
 * upload row, a pending blob, chunks committed as they become durable),
 * then becomes the file, or a new version of the file of that name. The
 * declared length is reserved against the quotas before any byte is
 * stored. A chunked body has no declared length: it may grow as far as
 * the quotas allow, that much is reserved while it streams, and what it
 * did not use is given back.
 */
export async function putFile(ctx: DavContext): Promise<void> {
  const { names } = ctx.path;
  const name = names.at(-1);
  if (name === undefined) return send(ctx.res, 405, "The top of your files is a folder; PUT a file inside it.", { Allow: "OPTIONS, PROPFIND, PROPPATCH" });
  const declared = declaredLength(ctx);
  const rawType = ctx.req.headers["content-type"];
  const contentType = rawType && rawType.length <= 255 ? rawType : null;
  if (declared !== null && declared <= SMALL_FILE_MAX_BYTES) return putSmall(ctx, name, declared, contentType);

  const prepared = await ctx.run(async (files, driveId) => {
    const resolved = await resolvePath(files.tx, driveId, names);
    if (!resolved.parentExists) throw new DomainError("CONFLICT", "The folder to put this file in does not exist. Create it first (MKCOL).");
    const room = declared === null ? await roomFor(files, driveId) : null;
    const length = declared ?? room!.bytes;
    const upload = await createUpload(files, { folderId: resolved.parent?.id ?? null, name, length, contentType, onConflict: "REPLACE" });
    return { ...upload, driveId, length, room, replaced: resolved.exists };
  });

  let received: number;
  try {
    received = await getStorageEngine().append(ctx.actor.organizationId, prepared.blobId, { offset: 0, length: prepared.length }, ctx.req);
    if (declared !== null && received !== declared) throw new DomainError("INVALID_INPUT", `The body ended after ${received} of its declared ${declared} bytes.`);
  } catch (error) {
    await ctx.run((files) => cancelUpload(files, prepared.uploadId)).catch(() => {});
    if (prepared.room && error instanceof DomainError && error.code === "INVALID_INPUT") throw prepared.room.refusal;
    throw error;
  }

  await ctx.run(async (files) => {
    if (declared === null) {
      // The chunked body is complete: the upload is as long as what arrived, and the rest of the reservation goes back.
      await files.tx.upload.update({ where: { id: prepared.uploadId }, data: { length: BigInt(received) }, select: { id: true } });
      await releaseBytes(files.tx, ctx.actor.organizationId, prepared.driveId, BigInt(prepared.length - received));
    }
    await completeUpload(files, prepared.uploadId);
  });
  send(ctx.res, prepared.replaced ? 204 : 201);
}

/**
 * A small file (up to 1 MiB, length declared) goes the way the console's
 * batches go: checked (name, folder, free quota) before anything is
 * stored, then stored and filed together with the person's concurrent
 * small PUTs (small-puts.ts), the quota reserved in the transaction that
 * files them; if that reservation fails after all (a race), the stored
 * content is deleted again.
 */
async function putSmall(ctx: DavContext, name: string, length: number, contentType: string | null): Promise<void> {
  const checked = await ctx.runAtPath(async (files, { driveId, resolved, usage }) => {
    if (!resolved.parentExists) throw new DomainError("CONFLICT", "The folder to put this file in does not exist. Create it first (MKCOL).");
    if (resolved.item?.kind === "FOLDER") throw new DomainError("CONFLICT", `“${name}” is a folder here; a file cannot replace it.`);
    const room = await roomFor(files, driveId, usage);
    if (length > room.bytes) throw room.refusal;
    // The name passed checkName (parseDavPath) and the folder was just found live in the person's own drive, where they
    // may do anything: what checkBatch would find out again. placeBatch re-checks the folder when it files the content.
    const entry: CheckedEntry = { name, folderId: resolved.parent?.id ?? null, contentType, size: length, driveId };
    return { entry, replaced: resolved.exists };
  });
  const content = await readBody(ctx, length);
  await putSmallFile(ctx.actor.organizationId, ctx.actor.userId, checked.entry, content, (work) => ctx.run((files) => work(files)));
  send(ctx.res, checked.replaced ? 204 : 201);
}

async function readBody(ctx: DavContext, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of ctx.req) {
    size += (part as Buffer).length;
    if (size > length) throw new DomainError("INVALID_INPUT", `The body is longer than its declared ${length} bytes.`);
    parts.push(part as Buffer);
  }
  if (size !== length) throw new DomainError("INVALID_INPUT", `The body ended after ${size} of its declared ${length} bytes.`);
  return Buffer.concat(parts);
}

/** Content-Length, or X-Expected-Entity-Length (macOS Finder's chunked PUTs); null when the body is chunked without either. */
function declaredLength(ctx: DavContext): number | null {
  const header = ctx.req.headers["transfer-encoding"] === undefined ? ctx.req.headers["content-length"] : ctx.req.headers["x-expected-entity-length"];
  if (header === undefined || Array.isArray(header)) return ctx.req.headers["transfer-encoding"] === undefined ? 0 : null;
  const length = Number(header);
  if (!Number.isSafeInteger(length) || length < 0) throw new DomainError("INVALID_INPUT", "The declared length is not a number of bytes.");
  return length;
}

/** How large a body of unknown length may grow: up to the upload limit and the free space of both quotas. */
async function roomFor(files: FileScope, driveId: string, known: DavUsage | null = null) {
  const { maxUploadBytes } = getFilesConfig();
  const { drive, organization } = known ?? (await usage(files.tx, files.actor.organizationId, driveId));
  const free = (u: { usedBytes: number; quotaBytes: number | null }) => (u.quotaBytes === null ? Infinity : Math.max(0, u.quotaBytes - u.usedBytes));
  const quotaRoom = Math.min(free(drive), free(organization));
  const bytes = Math.min(maxUploadBytes, quotaRoom);
  const refusal =
    quotaRoom < maxUploadBytes
      ? new DomainError("QUOTA_EXCEEDED", `This file is larger than the ${formatBytes(quotaRoom)} free in your quota. Delete files or empty the trash to make room.`)
      : new DomainError("INVALID_INPUT", `Files can be at most ${formatBytes(maxUploadBytes)} here.`);
  return { bytes, refusal };
}
