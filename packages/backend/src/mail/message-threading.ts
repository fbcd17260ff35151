import { simpleParser } from "mailparser";
import { readRawMessage } from "./mail-store";
import { messageIdHash } from "./mail-search-index";
import { findReadableMessage, mailKeys, type MailScope } from "./mail-scope";

export type ThreadingHeaders = { inReplyTo: string | null; references: string[]; original: Buffer };

function ids(value: string | string[] | undefined): string[] {
  const all = Array.isArray(value) ? value : value ? [value] : [];
  return all.flatMap((v) => v.match(/<[^<>\s]+>/g) ?? []);
}

/**
 * The In-Reply-To and References of an answer to `messageId` (a message the
 * actor reads): its Message-ID, after its own References, as RFC 5322 asks.
 * The original's bytes come along for forwarding.
 */
export async function answerHeaders(scope: MailScope, messageId: string): Promise<ThreadingHeaders> {
  const message = await findReadableMessage(scope, messageId);
  const original = await readRawMessage(scope.actor.organizationId, message.blobId);
  const parsed = await simpleParser(original, { skipHtmlToText: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const own = parsed.messageId?.trim() ?? null;
  const references = [...new Set([...ids(parsed.references), ...(ids(parsed.inReplyTo).length > 0 && ids(parsed.references).length === 0 ? ids(parsed.inReplyTo) : []), ...(own ? [own] : [])])];
  return { inReplyTo: own, references, original };
}

/** The message a Message-ID names in a mailbox, if the mailbox holds it (to reopen a draft's reply). */
export async function findByMessageId(scope: MailScope, mailboxId: string, messageId: string): Promise<string | null> {
  const keys = await mailKeys(scope);
  const found = await scope.tx.mailMessage.findFirst({
    where: { mailboxId, messageIdHash: messageIdHash(keys, messageId), isDraft: false },
    select: { id: true },
    orderBy: { seq: "asc" },
  });
  return found?.id ?? null;
}

