// HTML mail as senders' programs write it (MIME built by nodemailer's composer),
// stored in a mailbox through the mail store: for the message view's tests and
// the browser test's seeding.
import { withTenantScope } from "@awan/db";
import MailComposer from "nodemailer/lib/mail-composer";
import { getDatabase } from "../../db";
import { storeMailMessage } from "../mail-store";

export type HtmlMailPart = { filename: string; content: Buffer; contentType: string; cid?: string };
export type HtmlMail = { from?: string; to: string; subject: string; html?: string; text?: string; attachments?: HtmlMailPart[] };

/** The raw RFC 5322 bytes of a message with an HTML and a text part and its attachments. */
export function composeMail(mail: HtmlMail): Promise<Buffer> {
  return new MailComposer({
    from: mail.from ?? "Newsletter Sender <news@sender.example>",
    to: mail.to,
    subject: mail.subject,
    ...(mail.html !== undefined && { html: mail.html }),
    text: mail.text ?? "",
    attachments: mail.attachments ?? [],
  })
    .compile()
    .build();
}

/** Composes `mail` and stores it in the mailbox's Inbox; the stored message's id. */
export async function storeComposedMail(target: { organizationId: string; mailboxId: string }, mail: HtmlMail, authResults?: object): Promise<string> {
  const raw = await composeMail(mail);
  const stored = await withTenantScope(getDatabase(), { organizationId: target.organizationId }, (tx) =>
    storeMailMessage(tx, { organizationId: target.organizationId, mailboxId: target.mailboxId, folder: "INBOX", raw, authResults: authResults ?? null }),
  );
  return stored.id;
}
