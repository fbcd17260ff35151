import { z } from "zod";
import { singleLineText } from "../text-input";

export const MailboxId = z.uuid({ error: "This mailbox does not exist or you cannot open it." });
export const FolderId = z.uuid({ error: "This folder does not exist or you cannot open it." });
export const MailMessageId = z.uuid({ error: "This message does not exist or you cannot open it." });
/** A folder position: the decimal seq of a message. */
export const MailSeq = z.string().regex(/^\d{1,19}$/, { error: "That is not a position in a folder." });

/** Every bulk operation names its messages; each one is checked. */
export const MessageIds = z
  .array(MailMessageId)
  .min(1, { error: "Select at least one message." })
  .max(500, { error: "Select at most 500 messages at a time." })
  .transform((ids) => [...new Set(ids)]);

export const FolderName = singleLineText("a folder name", 80).refine((s) => !s.includes("/"), { error: "A folder name cannot contain “/”." });

/**
 * An address someone typed. Zod's email check refuses CR/LF and anything
 * that is not one plain address, so no header can be smuggled through it.
 */
export const MailAddressInput = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: (issue) => `“${String(issue.input)}” is not an email address.` }).max(254));

export const Recipients = z.array(MailAddressInput).max(100, { error: "Send to at most 100 people at a time." });

/** A subject is one line: a line break in it is refused, never folded into another header. */
export const MailSubject = z
  .string()
  .max(998, { error: "That subject is too long." })
  .refine((s) => !/[\r\n\u0000]/.test(s), { error: "A subject is one line: remove the line breaks." });

export const ComposeInput = z.object({
  /** The mailbox it is sent from: the person's own or a shared one they belong to. */
  fromMailboxId: MailboxId,
  to: Recipients.default([]),
  cc: Recipients.default([]),
  bcc: Recipients.default([]),
  subject: MailSubject.default(""),
  text: z.string().max(1_000_000, { error: "That message is too long." }).default(""),
  /** Rich text from the editor; sent next to `text` as the HTML alternative. */
  html: z.string().max(2_000_000, { error: "That message is too long." }).nullish(),
  /** The message answered or forwarded: threading headers come from it. */
  inReplyToId: MailMessageId.nullish(),
  /** The draft this compose started from: sending or saving replaces it. */
  draftId: MailMessageId.nullish(),
});
export type ComposeInput = z.infer<typeof ComposeInput>;
