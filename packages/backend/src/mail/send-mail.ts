import type { Database } from "@awan/db";
import type { AfterCommit } from "../after-commit";
import { DomainError } from "../errors";
import { getStorageEngine } from "../storage";
import { draftFiles } from "./draft-attachments";
import { findOwnDraft } from "./drafts";
import { deliverLocally } from "./local-delivery";
import { deleteMailMessages, storeMailMessage } from "./mail-store";
import type { MailScope } from "./mail-scope";
import { effectiveMailSettings } from "./mail-settings";
import { resolveSender } from "./mail-sender";
import { composeMessage, messageFromCompose, type ComposedAttachment } from "./message-composition";
import { answerHeaders } from "./message-threading";
import { queueOutboundMail } from "./outbound-queue";
import { resolveMailDomain, resolveRecipient, type MailRecipient } from "./recipients";
import type { ComposeInput } from "./schemas";
import { countTowardSendLimit } from "./send-limit";

export type SendMailInput = ComposeInput & { forwardOfId?: string | null };
export type SendMailDeps = { db: Database; afterCommit: AfterCommit };

/**
 * Where each recipient's copy goes: a mailbox on this install, or the
 * outbound queue. An address on one of this install's domains that nobody
 * receives is refused here rather than bounced later.
 */
async function routeRecipients(db: Database, addresses: string[]): Promise<{ local: MailRecipient[]; remote: string[] }> {
  const local: MailRecipient[] = [];
  const remote: string[] = [];
  for (const address of addresses) {
    const found = await resolveRecipient(db, address);
    if (found) local.push(found);
    else if (await resolveMailDomain(db, address.split("@")[1] ?? "")) throw new DomainError("INVALID_INPUT", `There is no mailbox ${address}. Check the address.`);
    else remote.push(address);
  }
  return { local, remote };
}

/**
 * Sends a message from a mailbox the actor reads: MIME built by
 * MailComposer from validated fields (addresses are plain addr-specs, the
 * subject one line), threaded under the message it answers, with the
 * draft's files (and, forwarding, the original as an attached message).
 * Recipients here get it in their Inbox at once; others through the
 * outbound queue. The sender keeps a copy in Sent and the draft goes.
 * Every recipient counts toward the person's hourly send limit; a send past
 * it is refused before anything is delivered.
 * A local recipient who could not take it (a full mailbox) is named in
 * `notDelivered`; when nobody got it, nothing is kept and the send fails.
 */
export async function sendMail(scope: MailScope, input: SendMailInput, { db, afterCommit }: SendMailDeps): Promise<{ id: string; delivered: number; queued: number; notDelivered: { recipient: string; message: string }[] }> {
  const { tx, actor } = scope;
  const everyone = [...new Set([...input.to, ...input.cc, ...input.bcc])];
  if (everyone.length === 0) throw new DomainError("INVALID_INPUT", "Add at least one recipient.");
  // Recipients first: their lookup may provision mailboxes in transactions of its own.
  const route = await routeRecipients(db, everyone);
  const sender = await resolveSender(scope, input.fromMailboxId);
  const draft = input.draftId ? await findOwnDraft(scope, input.draftId) : null;
  await countTowardSendLimit(scope, everyone.length);

  const answered = input.inReplyToId ? await answerHeaders(scope, input.inReplyToId) : null;
  const forwarded = input.forwardOfId ? await answerHeaders(scope, input.forwardOfId) : null;
  const attachments: ComposedAttachment[] = [];
  const engine = getStorageEngine();
  if (draft) {
    for (const file of await draftFiles(scope, draft.id)) {
      attachments.push({ filename: file.name, contentType: file.mediaType, content: await engine.readAll(actor.organizationId, file.blobId) });
    }
  }
  if (forwarded) attachments.push({ filename: "forwarded-message.eml", contentType: "message/rfc822", content: forwarded.original });

  const message = messageFromCompose(input, sender, { threading: answered, attachments });
  const delivered = await composeMessage(message, { keepBcc: false });
  const { maxMessageBytes } = await effectiveMailSettings(tx, actor.organizationId);
  if (delivered.length > maxMessageBytes) {
    throw new DomainError("INVALID_INPUT", `This message is ${Math.ceil(delivered.length / 1024 / 1024)} MB, more than the ${Math.floor(maxMessageBytes / 1024 / 1024)} MB allowed. Share large files from Files instead.`);
  }

  // Delivered before anything here takes a row lock: a copy to oneself updates one's own mailbox in delivery's transaction.
  const outcomes = route.local.length > 0 ? await deliverLocally(db, delivered, route.local) : [];
  const notDelivered = outcomes.flatMap((o) => (o.delivered ? [] : [{ recipient: o.recipient, message: o.message }]));
  if (route.remote.length === 0 && outcomes.length > 0 && notDelivered.length === outcomes.length) {
    throw new DomainError("UNAVAILABLE", `The message was not delivered: ${notDelivered.map((n) => n.message).join(" ")}`);
  }
  if (route.remote.length > 0) {
    await queueOutboundMail(tx, { organizationId: actor.organizationId, senderId: actor.userId, from: sender.address, recipients: route.remote, raw: delivered });
  }
  const copy = await composeMessage(message, { keepBcc: true });
  const stored = await storeMailMessage(tx, { organizationId: actor.organizationId, mailboxId: sender.mailboxId, folder: "SENT", raw: copy, isRead: true });
  if (draft) await deleteMailMessages(tx, actor.organizationId, [draft.id], afterCommit);
  return { id: stored.id, delivered: outcomes.length - notDelivered.length, queued: route.remote.length, notDelivered };
}
