import { withTenantScope, type Database } from "@awan/db";
import { deliverLocally } from "./local-delivery";

/**
 * Delivers a bounce into the Inbox of the mailbox that holds the sender's
 * address, through local delivery (quota and size limits, the new-mail
 * event). The address is looked up in the message's own organization, so a
 * bounce never lands anywhere else; an address removed since, or a full
 * mailbox, is an error for the caller to log.
 */
export async function deliverBounceToSender(db: Database, bounce: { organizationId: string; sender: string; raw: Buffer }): Promise<void> {
  const { organizationId, sender, raw } = bounce;
  const address = sender.toLowerCase();
  const found = await withTenantScope(db, { organizationId }, (tx) =>
    tx.mailAddress.findFirst({ where: { organizationId, address }, select: { mailboxId: true } }),
  );
  if (!found) throw new Error(`No mailbox of organization ${organizationId} holds ${sender} any more.`);
  const [outcome] = await deliverLocally(db, raw, [{ organizationId, mailboxId: found.mailboxId, address }], { folder: "INBOX" });
  if (!outcome?.delivered) throw new Error(`The bounce to ${sender} was refused: ${outcome?.message ?? "no outcome"}`);
}
