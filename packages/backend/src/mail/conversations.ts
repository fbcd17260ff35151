import { findReadableMessage, type MailScope } from "./mail-scope";
import { MESSAGE_VIEW_SELECT, viewMessages } from "./message-views";

/** At most this many messages of one conversation are shown (the newest). */
const MAX_CONVERSATION = 200;

/**
 * The conversation of a message, oldest first, within the message's mailbox.
 * Other drafts of the thread are left out (they open in compose), and so is
 * what lies in Trash unless the opened message is there itself.
 */
export async function openConversation(scope: MailScope, messageId: string) {
  const opened = await findReadableMessage(scope, messageId);
  const rows = await scope.tx.mailMessage.findMany({
    where: { mailboxId: opened.mailboxId, threadId: opened.threadId },
    orderBy: { seq: "desc" },
    take: MAX_CONVERSATION,
    select: MESSAGE_VIEW_SELECT,
  });
  const openedRow = rows.find((r) => r.id === messageId);
  const inTrash = openedRow?.folder.role === "TRASH";
  const shown = rows.filter((r) => r.id === messageId || (!r.isDraft && (inTrash || r.folder.role !== "TRASH"))).reverse();
  return { threadId: opened.threadId, mailboxId: opened.mailboxId, messages: await viewMessages(scope, shown) };
}
