import type { ScopedDb } from "@awan/db";
import { createFolders, ensureDefaultDomain } from "../mail/provisioning";

// Notification e-mails come from the organization itself, not from a person:
// a shared mailbox "Notifications" holding notifications@ on the
// organization's default domain. It is a real address of the organization,
// so that the outbound queue may sign and send from it and bounces (an
// account address that stopped working) land somewhere an administrator can
// look, by adding themselves to the mailbox under Admin → Mail. It is made on
// the first e-mail, like the members' own mailboxes are made on first mail.

const LOCAL_PART = "notifications";
const DISPLAY_NAME = "Notifications";

export type NotificationSender = { address: string; organizationName: string };

/**
 * The address notification e-mails of the organization come from, made if
 * missing. If a member already holds notifications@ as their own address,
 * notifications2@ (and so on) is used, never a person's mailbox.
 * `tx` is scoped to the organization.
 */
export async function ensureNotificationSender(tx: ScopedDb, organizationId: string): Promise<NotificationSender> {
  const domain = await ensureDefaultDomain(tx, organizationId);
  const { name: organizationName } = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true } });
  // Two mailers sending the organization's first notification e-mail at once make one mailbox.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`awan notification sender ${organizationId}`}))`;
  for (let n = 1; n <= 20; n++) {
    const address = `${n === 1 ? LOCAL_PART : `${LOCAL_PART}${n}`}@${domain.name}`;
    const held = await tx.mailAddress.findFirst({ where: { organizationId, address }, select: { mailbox: { select: { kind: true } } } });
    if (held?.mailbox.kind === "SHARED") return { address, organizationName };
    if (held) continue;
    const mailbox = await tx.mailbox.create({ data: { organizationId, kind: "SHARED", displayName: DISPLAY_NAME }, select: { id: true } });
    await createFolders(tx, organizationId, mailbox.id);
    await tx.mailAddress.create({ data: { organizationId, address, domainId: domain.id, mailboxId: mailbox.id, isPrimary: true } });
    return { address, organizationName };
  }
  throw new Error(`Organization ${organizationId}: members hold every notifications@ address tried on ${domain.name}.`);
}
