import type { AfterCommit } from "../after-commit";
import { DomainError } from "../errors";
import { findItem } from "../files/file-scope";
import { createShareLink } from "../sharing/links/manage-links";
import { cloneBlob, getStorageEngine } from "../storage";
import { findOwnDraft } from "./drafts";
import type { MailScope } from "./mail-scope";

/** At most this many files on one draft. */
export const MAX_DRAFT_ATTACHMENTS = 20;
/** Uploads to a draft stop here; the message size limit applies when sending. */
export const MAX_DRAFT_ATTACHMENT_BYTES = 100 * 1024 * 1024;

/** A file from Files larger than this goes as a share link in the text rather than as an attachment. */
export const LARGE_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type DraftAttachmentView = { id: string; name: string; mediaType: string; size: number };
const SELECT = { id: true, name: true, mediaType: true, size: true } as const;
const shown = (a: { id: string; name: string; mediaType: string; size: bigint }): DraftAttachmentView => ({ ...a, size: Number(a.size) });

async function assertRoom(scope: MailScope, draftId: string): Promise<void> {
  const count = await scope.tx.mailDraftAttachment.count({ where: { draftId } });
  if (count >= MAX_DRAFT_ATTACHMENTS) throw new DomainError("INVALID_INPUT", `Attach at most ${MAX_DRAFT_ATTACHMENTS} files to one message.`);
}

/** Records an uploaded blob as a file of the actor's draft. */
export async function recordDraftAttachment(scope: MailScope, draftId: string, file: { name: string; mediaType: string; size: number; blobId: string }): Promise<DraftAttachmentView> {
  await findOwnDraft(scope, draftId);
  await assertRoom(scope, draftId);
  const row = await scope.tx.mailDraftAttachment.create({
    data: { organizationId: scope.actor.organizationId, draftId, ...file, size: BigInt(file.size) },
    select: SELECT,
  });
  return shown(row);
}

export type AttachedFromFiles = ({ kind: "file" } & DraftAttachmentView) | { kind: "link"; name: string; size: number; path: string };

/**
 * A file from Files on a draft: its current version's chunks are shared,
 * not copied, and the draft keeps that version when the file changes. A
 * file over LARGE_ATTACHMENT_BYTES gets a public view link instead (the
 * organization's link policy applies), for compose to put in the text:
 * mail systems refuse large messages, and a link costs the recipient nothing.
 */
export async function attachFromFiles(scope: MailScope, draftId: string, fileItemId: string): Promise<AttachedFromFiles> {
  await findOwnDraft(scope, draftId);
  const item = await findItem({ ...scope }, fileItemId, "live", "FILE", "view");
  if (!item.currentVersionId) throw new DomainError("NOT_FOUND", "This file has no content yet.");
  const version = await scope.tx.fileVersion.findFirstOrThrow({ where: { id: item.currentVersionId }, select: { blobId: true, size: true } });
  if (version.size > BigInt(LARGE_ATTACHMENT_BYTES)) {
    const created = await createShareLink(scope, { itemId: item.id, mode: "VIEW", password: null, expiresAt: null, maxDownloads: null });
    return { kind: "link", name: item.name, size: Number(version.size), path: created.path };
  }
  const blobId = await cloneBlob(scope.tx, scope.actor.organizationId, version.blobId);
  const attached = await recordDraftAttachment(scope, draftId, { name: item.name, mediaType: item.contentType ?? "application/octet-stream", size: Number(version.size), blobId });
  return { kind: "file", ...attached };
}

/** Takes a file off a draft; its bytes go after the commit. */
export async function removeDraftAttachment(scope: MailScope, attachmentId: string, afterCommit: AfterCommit): Promise<void> {
  const row = await scope.tx.mailDraftAttachment.findFirst({ where: { id: attachmentId, organizationId: scope.actor.organizationId }, select: { draftId: true, blobId: true } });
  if (!row) throw new DomainError("NOT_FOUND", "This file is no longer on the draft.");
  await findOwnDraft(scope, row.draftId);
  await scope.tx.mailDraftAttachment.delete({ where: { id: attachmentId } });
  afterCommit(() => getStorageEngine().delete(scope.actor.organizationId, row.blobId));
}

/** A draft's files with their blobs, to send. */
export function draftFiles(scope: MailScope, draftId: string) {
  return scope.tx.mailDraftAttachment.findMany({ where: { draftId }, select: { id: true, name: true, mediaType: true, size: true, blobId: true }, orderBy: { createdAt: "asc" } });
}
