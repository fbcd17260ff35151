import { Prisma } from "@awan/db";
import { DomainError } from "../errors";
import { mailQueryTokens } from "./mail-search-index";
import { accessibleMailboxes, mailKeys, type MailScope } from "./mail-scope";
import { MESSAGE_VIEW_SELECT, viewMessages } from "./message-views";

export const MAIL_SEARCH_PAGE_SIZE = 30;
const MAX_TERMS = 16;

/**
 * The messages in the actor's mailboxes that have every word of `query`
 * (sender, recipients, subject, body; a word of 3 to 12 letters also finds
 * the words it begins), newest first, a page at a time below `before` (a
 * seq). The words are matched as blind tokens through MailSearchIndex's GIN
 * index (app_mail_messages_with_tokens: row-level security would not use it)
 * in one query; only the page's summaries are opened.
 */
export async function searchMail(scope: MailScope, query: string, before: string | null, limit = MAIL_SEARCH_PAGE_SIZE) {
  const { tx, actor } = scope;
  const tokens = [...new Map(mailQueryTokens(await mailKeys(scope), query).map((t) => [Buffer.from(t).toString("hex"), t])).values()];
  if (tokens.length === 0) throw new DomainError("INVALID_INPUT", "Type a word of at least two letters to search for.");
  if (tokens.length > MAX_TERMS) throw new DomainError("INVALID_INPUT", `Search for at most ${MAX_TERMS} words at a time.`);
  const mailboxIds = (await accessibleMailboxes(scope)).map((m) => m.id);
  const matches = await tx.$queryRaw<{ id: string; seq: bigint }[]>(Prisma.sql`
    SELECT m."id", m."seq" FROM "MailMessage" m
    WHERE m."id" = ANY(ARRAY(SELECT "messageId" FROM app_mail_messages_with_tokens(${tokens}::bytea[])))
      AND m."organizationId" = ${actor.organizationId}::uuid AND m."mailboxId" = ANY(${mailboxIds}::uuid[])
      ${before ? Prisma.sql`AND m."seq" < ${BigInt(before)}` : Prisma.empty}
    ORDER BY m."seq" DESC
    LIMIT ${limit + 1}`);
  const page = matches.slice(0, limit);
  const rows = await tx.mailMessage.findMany({ where: { id: { in: page.map((m) => m.id) } }, orderBy: { seq: "desc" }, select: MESSAGE_VIEW_SELECT });
  return {
    messages: await viewMessages(scope, rows),
    nextCursor: matches.length > limit ? String(page[page.length - 1]!.seq) : null,
  };
}
