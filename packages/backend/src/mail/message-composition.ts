import crypto from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import type { ComposeInput } from "./schemas";

/** One attachment of a message being built: bytes already read, or a message forwarded whole. */
export type ComposedAttachment = { filename: string; contentType: string; content: Buffer };

export type ComposedMessage = {
  from: { name: string; address: string };
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  attachments: ComposedAttachment[];
  date?: Date;
};

/** What a compose form says of the message itself (schemas.ts ComposeInput, validated). */
export type ComposeFields = Pick<ComposeInput, "to" | "cc" | "bcc" | "subject" | "text" | "html">;

/** The In-Reply-To and References of an answer (message-threading.ts answerHeaders). */
export type AnswerThreading = { inReplyTo: string | null; references: string[] };

/**
 * The message a compose form describes, the same whether it is saved as a
 * draft or sent: from the mailbox's name and address, with a fresh
 * Message-ID on its domain, threaded under the message it answers.
 */
export function messageFromCompose(
  form: ComposeFields,
  from: { name: string; address: string },
  { threading, attachments }: { threading: AnswerThreading | null; attachments: ComposedAttachment[] },
): ComposedMessage {
  return {
    from: { name: from.name, address: from.address },
    to: form.to,
    cc: form.cc,
    bcc: form.bcc,
    subject: form.subject,
    text: form.text,
    html: form.html ?? null,
    messageId: newMessageId(from.address),
    inReplyTo: threading?.inReplyTo ?? null,
    references: threading?.references ?? [],
    attachments,
    // One date for every copy built from it: what recipients get and the sender's own.
    date: new Date(),
  };
}

/** A fresh Message-ID on the sender's domain. */
export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.split("@")[1] ?? "awan.localhost";
  return `<${crypto.randomUUID()}@${domain}>`;
}

/**
 * The RFC 5322 bytes of a message, built by nodemailer's MailComposer, which
 * encodes every header it writes (a subject or a name cannot end a header
 * and start another). `keepBcc` keeps the Bcc header: for the sender's own
 * copy and drafts, never for what recipients receive.
 */
export function composeMessage(message: ComposedMessage, { keepBcc }: { keepBcc: boolean }): Promise<Buffer> {
  const options: Mail.Options = {
    from: { name: message.from.name, address: message.from.address },
    to: message.to,
    cc: message.cc,
    bcc: message.bcc,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    messageId: message.messageId,
    date: message.date ?? new Date(),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references.length > 0 ? { references: message.references } : {}),
    attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    // No X-Mailer: it says nothing a recipient needs.
    xMailer: false,
  };
  const compiled = new MailComposer(options).compile();
  compiled.keepBcc = keepBcc;
  return new Promise((resolve, reject) => compiled.build((error, raw) => (error ? reject(error) : resolve(raw))));
}
