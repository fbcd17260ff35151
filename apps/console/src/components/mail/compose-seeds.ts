import type { ComposeSeed } from "./compose-dialog";
import type { MailListMessage } from "./mail-types";

const EMPTY: Omit<ComposeSeed, "fromMailboxId"> = { to: [], cc: [], bcc: [], subject: "", text: "", html: null, inReplyToId: null, forwardOfId: null, draftId: null, attachments: [] };

export function newMessageSeed(fromMailboxId: string): ComposeSeed {
  return { ...EMPTY, fromMailboxId };
}

/** "Re: subject" once, however long the exchange. */
function prefixed(prefix: "Re" | "Fwd", subject: string): string {
  return new RegExp(`^${prefix}:`, "i").test(subject.trim()) ? subject : `${prefix}: ${subject}`;
}

/**
 * An answer from the mailbox the message is in: to its sender, or with
 * "all" also to everyone else it went to, except the person's own addresses.
 */
export function replySeed(message: MailListMessage, all: boolean, ownAddresses: Set<string>): ComposeSeed {
  const fromSelf = message.from && ownAddresses.has(message.from.address);
  // Answering one's own sent message goes to its recipients, as mail clients do.
  const primary = fromSelf ? message.to.map((a) => a.address) : message.from ? [message.from.address] : [];
  const others = all ? [...message.to, ...message.cc].map((a) => a.address).filter((a) => !ownAddresses.has(a) && !primary.includes(a)) : [];
  return {
    ...EMPTY,
    fromMailboxId: message.mailboxId,
    to: [...new Set(primary)],
    cc: all ? [...new Set(others)] : [],
    subject: prefixed("Re", message.subject),
    inReplyToId: message.id,
  };
}

/** A forward: the original goes along as an attached message. */
export function forwardSeed(message: MailListMessage): ComposeSeed {
  return { ...EMPTY, fromMailboxId: message.mailboxId, subject: prefixed("Fwd", message.subject), forwardOfId: message.id };
}
