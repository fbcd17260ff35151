import type { MailScope } from "./mail-scope";
import { selectMessages } from "./message-selection";

/** Marks messages read or unread; every id is checked first. */
export async function setRead(scope: MailScope, ids: string[], isRead: boolean): Promise<{ changed: number }> {
  await selectMessages(scope, ids);
  const { count } = await scope.tx.mailMessage.updateMany({ where: { id: { in: ids } }, data: { isRead } });
  return { changed: count };
}

/** Stars or unstars messages; every id is checked first. */
export async function setStarred(scope: MailScope, ids: string[], isStarred: boolean): Promise<{ changed: number }> {
  await selectMessages(scope, ids);
  const { count } = await scope.tx.mailMessage.updateMany({ where: { id: { in: ids } }, data: { isStarred } });
  return { changed: count };
}
