import { simpleParser, type AddressObject } from "mailparser";
import type { AfterCommit } from "../after-commit";
import { DomainError } from "../errors";
import { deleteMailMessages, readRawMessage, storeMailMessage } from "./mail-store";
import { findReadableMessage, type MailScope } from "./mail-scope";
import { resolveSender } from "./mail-sender";
import { composeMessage, messageFromCompose } from "./message-composition";
import { answerHeaders, findByMessageId } from "./message-threading";
import type { ComposeInput } from "./schemas";

// A draft is a MailMessage (isDraft) in the Drafts folder of the mailbox it
// will be sent from; its raw bytes hold what was written, Bcc included. Each
// save stores a new message and deletes the last, and its files
// (MailDraftAttachment) move over to the new one.

/** A draft of the actor's, or NOT_FOUND (also a message that is not a draft). */
export async function findOwnDraft(scope: MailScope, draftId: string) {
  const message = await findReadableMessage(scope, draftId);
  const row = await scope.tx.mailMessage.findUniqueOrThrow({ where: { id: draftId }, select: { isDraft: true } });
  if (!row.isDraft) throw new DomainError("NOT_FOUND", "This draft no longer exists: it was sent or discarded.");
  return message;
}

/** Saves what is being written as the draft, replacing `input.draftId`'s; returns the new draft's id. */
export async function saveDraft(scope: MailScope, input: ComposeInput, afterCommit: AfterCommit): Promise<{ id: string }> {
  const { tx, actor } = scope;
  const previous = input.draftId ? await findOwnDraft(scope, input.draftId) : null;
  const sender = await resolveSender(scope, input.fromMailboxId);
  const threading = input.inReplyToId ? await answerHeaders(scope, input.inReplyToId) : null;
  const raw = await composeMessage(messageFromCompose(input, sender, { threading, attachments: [] }), { keepBcc: true });
  const stored = await storeMailMessage(tx, { organizationId: actor.organizationId, mailboxId: sender.mailboxId, folder: "DRAFTS", raw, isDraft: true, isRead: true });
  if (previous) {
    await tx.mailDraftAttachment.updateMany({ where: { draftId: previous.id }, data: { draftId: stored.id } });
    await deleteMailMessages(tx, actor.organizationId, [previous.id], afterCommit);
  }
  return { id: stored.id };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const groups = value ? (Array.isArray(value) ? value : [value]) : [];
  return groups.flatMap((g) => g.value.flatMap((a) => (a.group ? a.group : [a]))).flatMap((a) => (a.address ? [a.address.toLowerCase()] : []));
}

/** A draft as compose reopens it: its fields, the message it answers and its files. */
export async function openDraft(scope: MailScope, draftId: string) {
  const draft = await findOwnDraft(scope, draftId);
  const parsed = await simpleParser(await readRawMessage(scope.actor.organizationId, draft.blobId), { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const inReplyTo = typeof parsed.inReplyTo === "string" ? parsed.inReplyTo.trim() : null;
  const files = await scope.tx.mailDraftAttachment.findMany({ where: { draftId }, select: { id: true, name: true, mediaType: true, size: true }, orderBy: { createdAt: "asc" } });
  return {
    draftId,
    fromMailboxId: draft.mailboxId,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    bcc: addresses(parsed.bcc),
    subject: parsed.subject ?? "",
    text: (parsed.text ?? "").replace(/\n$/, ""),
    html: typeof parsed.html === "string" ? parsed.html : null,
    inReplyToId: inReplyTo ? await findByMessageId(scope, draft.mailboxId, inReplyTo) : null,
    attachments: files.map((f) => ({ ...f, size: Number(f.size) })),
  };
}

/** Deletes a draft and its files for good. */
export async function discardDraft(scope: MailScope, draftId: string, afterCommit: AfterCommit): Promise<void> {
  await findOwnDraft(scope, draftId);
  await deleteMailMessages(scope.tx, scope.actor.organizationId, [draftId], afterCommit);
}
