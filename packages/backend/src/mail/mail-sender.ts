import { DomainError } from "../errors";
import { accessibleMailboxes, type MailScope } from "./mail-scope";

export type MailSender = { mailboxId: string; name: string; address: string };

/**
 * Who a message is from: a mailbox the actor reads (their own, or a shared
 * one they belong to), by its primary address. Their own mailbox carries
 * their name; a shared one its display name.
 */
export async function resolveSender(scope: MailScope, mailboxId: string): Promise<MailSender> {
  const mailbox = (await accessibleMailboxes(scope)).find((m) => m.id === mailboxId);
  if (!mailbox) throw new DomainError("NOT_FOUND", "You cannot send from this mailbox.");
  if (!mailbox.address) throw new DomainError("CONFLICT", `${mailbox.displayName} has no address to send from. Ask an administrator to give it one.`);
  return { mailboxId: mailbox.id, name: mailbox.displayName, address: mailbox.address };
}
