import { DomainError } from "../errors";
import { findChannel } from "./channels";
import type { ChatScope } from "./chat-scope";
import { MESSAGE_SELECT, openMessages, forViewer, PAGE_SIZE } from "./messages";

const NOT_FOUND = "This message does not exist, or you cannot see it.";

/**
 * A thread: its first message and a page of its replies, oldest first, after
 * `after` (a seq; none: from the first reply), with the cursor of the next
 * page. Replies take the channel's lock like every post, so a page never
 * skips one that commits later.
 */
export async function listThread(scope: ChatScope, messageId: string, after: string | null, limit = PAGE_SIZE) {
  const { tx, actor } = scope;
  const parent = await tx.message.findFirst({ where: { id: messageId, organizationId: actor.organizationId }, select: MESSAGE_SELECT });
  if (!parent) throw new DomainError("NOT_FOUND", NOT_FOUND);
  await findChannel(scope, parent.channelId).catch((error: unknown) => {
    throw error instanceof DomainError && error.code === "NOT_FOUND" ? new DomainError("NOT_FOUND", NOT_FOUND) : error;
  });
  if (parent.parentId) throw new DomainError("INVALID_INPUT", "This is a reply; its thread is the one of the message it replies to.");
  const rows = await tx.message.findMany({
    where: { parentId: parent.id, ...(after !== null && { seq: { gt: BigInt(after) } }) },
    orderBy: { seq: "asc" },
    take: limit + 1,
    select: MESSAGE_SELECT,
  });
  const replies = rows.slice(0, limit);
  const [opened, ...openedReplies] = (await openMessages(tx, actor.organizationId, [parent, ...replies])).map((m) => forViewer(m, actor.userId));
  return {
    parent: opened!,
    replies: openedReplies,
    /** Where the next page of replies starts; null when this one reaches the newest reply. */
    newerCursor: rows.length > limit ? String(replies.at(-1)!.seq) : null,
  };
}
