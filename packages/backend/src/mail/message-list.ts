import { findAccessibleFolder } from "./folders";
import type { MailScope } from "./mail-scope";
import { MESSAGE_VIEW_SELECT, viewMessages } from "./message-views";

export const MAIL_PAGE_SIZE = 50;

/**
 * A page of a folder, newest first: the messages below `before` (a seq) by
 * the (folderId, seq) index, so pages neither skip nor repeat a message
 * while mail keeps arriving on top.
 */
export async function listFolderMessages(scope: MailScope, folderId: string, before: string | null, limit = MAIL_PAGE_SIZE) {
  await findAccessibleFolder(scope, folderId);
  const rows = await scope.tx.mailMessage.findMany({
    where: { folderId, ...(before ? { seq: { lt: BigInt(before) } } : {}) },
    orderBy: { seq: "desc" },
    take: limit + 1,
    select: MESSAGE_VIEW_SELECT,
  });
  const page = rows.slice(0, limit);
  return {
    messages: await viewMessages(scope, page),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
  };
}
