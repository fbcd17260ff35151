import type { ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { findItem } from "../files/file-scope";
import { cloneBlob } from "../storage";
import { findChannel } from "./channels";
import type { ChatScope } from "./chat-scope";

/** Files sent in chat larger than this go through Files and a share instead. */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;
/** At most this many files in one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

export type ChatAttachment = { id: string; name: string; mediaType: string; size: number };
const ATTACHMENT_SELECT = { id: true, name: true, mediaType: true, size: true } as const;
const shown = (a: { id: string; name: string; mediaType: string; size: bigint }): ChatAttachment => ({ ...a, size: Number(a.size) });

/** Records an uploaded blob as the actor's attachment, waiting for the message that sends it. */
export async function recordUploadedAttachment(scope: ChatScope, file: { name: string; mediaType: string; size: number; blobId: string }): Promise<ChatAttachment> {
  const row = await scope.tx.messageAttachment.create({
    data: { organizationId: scope.actor.organizationId, uploaderId: scope.actor.userId, ...file, size: BigInt(file.size) },
    select: ATTACHMENT_SELECT,
  });
  return shown(row);
}

/**
 * A file from Files, as an attachment: its current version's chunks are
 * shared, not copied, and the attachment stays as sent when the file later
 * changes or goes.
 */
export async function attachFromFiles(scope: ChatScope, fileItemId: string): Promise<ChatAttachment> {
  const item = await findItem({ ...scope }, fileItemId, "live", "FILE", "view");
  if (!item.currentVersionId) throw new DomainError("NOT_FOUND", "This file has no content yet.");
  const version = await scope.tx.fileVersion.findFirstOrThrow({ where: { id: item.currentVersionId }, select: { blobId: true, size: true } });
  if (version.size > BigInt(MAX_ATTACHMENT_BYTES)) {
    throw new DomainError("INVALID_INPUT", `“${item.name}” is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB. Share it from Files instead.`);
  }
  const blobId = await cloneBlob(scope.tx, scope.actor.organizationId, version.blobId);
  return recordUploadedAttachment(scope, { name: item.name, mediaType: item.contentType ?? "application/octet-stream", size: Number(version.size), blobId });
}

/** Ties the actor's waiting attachments to the message that sends them; any other id is refused. */
export async function claimAttachments(scope: ChatScope, messageId: string, attachmentIds: string[]): Promise<void> {
  if (attachmentIds.length === 0) return;
  if (attachmentIds.length > MAX_ATTACHMENTS_PER_MESSAGE) throw new DomainError("INVALID_INPUT", `Send at most ${MAX_ATTACHMENTS_PER_MESSAGE} files in one message.`);
  const claimed = await scope.tx.messageAttachment.updateMany({
    where: { id: { in: attachmentIds }, organizationId: scope.actor.organizationId, uploaderId: scope.actor.userId, messageId: null },
    data: { messageId },
  });
  if (claimed.count !== new Set(attachmentIds).size) throw new DomainError("NOT_FOUND", "An attached file is gone. Attach it again.");
}

/** The attachments of these messages, by message id. */
export async function attachmentsOf(tx: ScopedDb, messageIds: string[]): Promise<Map<string, ChatAttachment[]>> {
  const byMessage = new Map<string, ChatAttachment[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await tx.messageAttachment.findMany({
    where: { messageId: { in: messageIds } },
    select: { ...ATTACHMENT_SELECT, messageId: true },
    orderBy: { createdAt: "asc" },
  });
  for (const { messageId, ...row } of rows) byMessage.set(messageId!, [...(byMessage.get(messageId!) ?? []), shown(row)]);
  return byMessage;
}

/** An attachment's stored content, for someone who may read its message (or who uploaded it and has not sent it yet). */
export async function findReadableAttachment(scope: ChatScope, attachmentId: string) {
  const row = await scope.tx.messageAttachment.findFirst({
    where: { id: attachmentId, organizationId: scope.actor.organizationId },
    select: { name: true, mediaType: true, blobId: true, uploaderId: true, message: { select: { channelId: true, deletedAt: true } }, blob: { select: { digest: true, size: true } } },
  });
  const gone = () => new DomainError("NOT_FOUND", "This file does not exist, or you cannot see it.");
  if (!row) throw gone();
  if (row.message) {
    if (row.message.deletedAt) throw gone();
    await findChannel(scope, row.message.channelId).catch(() => {
      throw gone();
    });
  } else if (row.uploaderId !== scope.actor.userId) {
    throw gone();
  }
  return { name: row.name, contentType: row.mediaType, blobId: row.blobId, digest: row.blob.digest, size: Number(row.blob.size) };
}
