import { withTenantScope, type Database } from "@awan/db";
import { storeMailMessage } from "./mail-store";

/**
 * Delivers a bounce into the Inbox of the mailbox that holds the sender's
 * address. The sender sent from one of the organization's own domains, so
 * the bounce stays inside that organization's scope; an address removed
 * since then is an error for the caller to log.
 */
export function deliverBounceToSender(db: Database, bounce: { organizationId: string; sender: string; raw: Buffer }): Promise<void> {
  const { organizationId, sender, raw } = bounce;
  return withTenantScope(db, { organizationId }, async (tx) => {
    const address = await tx.mailAddress.findFirst({ where: { organizationId, address: sender.toLowerCase() }, select: { mailboxId: true } });
    if (!address?.mailboxId) throw new Error(`No mailbox of organization ${organizationId} holds ${sender} any more.`);
    await storeMailMessage(tx, { organizationId, mailboxId: address.mailboxId, folder: "INBOX", raw });
  });
}
