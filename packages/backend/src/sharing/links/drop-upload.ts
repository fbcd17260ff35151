import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { withAfterCommit } from "../../after-commit";
import type { Database } from "@awan/db";
import { DomainError } from "../../errors";
import { formatBytes } from "../../files/format-bytes";
import { checkName } from "../../files/names";
import { placeFile } from "../../files/place-file";
import { checkUploadLength, dropUploads, openPendingUpload } from "../../files/uploads";
import { getStorageEngine, sealBlob } from "../../storage";
import { recordLinkAccess, withLink } from "./link-access";
import { requireUnlocked } from "./link-password";

/** The upload's name, URI-encoded (a header carries only Latin-1). */
export const DROP_NAME_HEADER = "x-file-name";

/**
 * POST drop: one file, its bytes as the body, into the folder of a file-drop
 * link. Its length is reserved against the folder's drive before a byte is
 * stored; a name already taken is kept next to it under a free one. The
 * answer names only what was sent, so a dropper learns nothing of what the
 * folder holds. A pending Upload row stands for the bytes while they come:
 * if the server stops, housekeeping frees them as for any unfinished upload.
 */
export async function receiveDrop(request: Request, db: Database, token: string, cookie: string | null, now = new Date()) {
  const name = checkName(decodedName(request.headers.get(DROP_NAME_HEADER)));
  const length = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!Number.isSafeInteger(length) || length < 0) throw new DomainError("INVALID_INPUT", "The upload must declare its length (Content-Length).");
  checkUploadLength(name, length);
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().slice(0, 255);
  const contentType = type && type !== "application/x-www-form-urlencoded" ? type : null;

  const started = await withLink(
    db,
    token,
    async ({ tx, link, item }) => {
      requireUnlocked(link, cookie, now);
      if (link.mode !== "DROP") throw new DomainError("FORBIDDEN", "This link does not take uploads.");
      // The upload is the link maker's: the bytes come in through their link.
      const pending = { organizationId: link.organizationId, driveId: item.driveId, userId: link.createdById, parentId: item.id, name, length, contentType, onConflict: "KEEP_BOTH" as const };
      const { uploadId, blobId } = await openPendingUpload(tx, pending, now).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === "QUOTA_EXCEEDED") {
          throw new DomainError("QUOTA_EXCEEDED", `There is no room for “${name}” (${formatBytes(length)}) here. Ask the person who shared this link to make room.`);
        }
        throw error;
      });
      return { organizationId: link.organizationId, uploadId, blobId };
    },
    now,
  );

  const abandon = () =>
    withAfterCommit(db, { organizationId: started.organizationId }, (tx, afterCommit) => dropUploads(tx, started.organizationId, [started.uploadId], afterCommit)).catch(
      (error: unknown) => console.error("Dropping an unfinished file-drop upload failed (housekeeping will):", error),
    );
  try {
    const body = request.body && length > 0 ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
    const reached = await getStorageEngine().append(started.organizationId, started.blobId, { offset: 0, length }, body);
    if (reached !== length) throw new DomainError("INVALID_INPUT", `The upload of “${name}” stopped before its end. Try again.`);
    // The link is checked again: turned off or expired while the bytes came, it takes nothing.
    await withLink(db, token, async ({ tx, link, item, afterCommit }) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Upload" WHERE "id" = ${started.uploadId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new DomainError("NOT_FOUND", "This upload was cancelled. Try again.");
      await sealBlob(tx, link.organizationId, started.blobId, length);
      await tx.upload.delete({ where: { id: started.uploadId } });
      // The new file is recorded as made by the link's maker: it came in through their link.
      const actor = { organizationId: link.organizationId, userId: link.createdById, role: "MEMBER" as const };
      const placed = await placeFile({ tx, actor, afterCommit }, { driveId: item.driveId, parentId: item.id, name, contentType, onConflict: "KEEP_BOTH", blobId: started.blobId, size: BigInt(length) });
      await recordLinkAccess(tx, link, "upload", placed.fileId, `Someone with a link uploaded “${placed.name}” to “${item.name}”`);
    });
  } catch (error) {
    await abandon();
    throw error;
  }
  return { name, size: length };
}

function decodedName(header: string | null): string {
  try {
    return decodeURIComponent(header ?? "");
  } catch {
    throw new DomainError("INVALID_INPUT", `${DROP_NAME_HEADER} must be the file's name, URI-encoded.`);
  }
}
