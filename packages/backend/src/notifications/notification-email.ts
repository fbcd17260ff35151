import { withTenantScope, type Database, type NotificationKind } from "@awan/db";
import MailComposer from "nodemailer/lib/mail-composer";
import { getConfig } from "../config";
import { deliverLocally } from "../mail/local-delivery";
import { newMessageId } from "../mail/message-composition";
import { queueOutboundMail } from "../mail/outbound-queue";
import { lookupRecipient } from "../mail/recipients";
import { ensureNotificationSender, type NotificationSender } from "./notification-sender";

/** A notification that owes an e-mail copy, with the address of the person it is for. */
export type OwedEmail = { id: string; organizationId: string; kind: NotificationKind; title: string; link: string; email: string };

/** RETRY: failed for a reason that may pass (a full mailbox, a storage or database fault); FAILED: never will. */
export type EmailOutcome = "DELIVERED" | "QUEUED" | "FAILED" | "RETRY";

const KIND_NAMES: Record<NotificationKind, string> = {
  MENTION: "mentions",
  DIRECT_MESSAGE: "direct messages",
  SHARE: "shares",
  INVITATION: "invitations",
  REPLY: "thread replies",
};

/**
 * The e-mail copy of a notification: its title as subject and first line,
 * and the console address it opens (absolute, on AWAN_PUBLIC_URL). Only the
 * title, which holds names and places, never a message's text. Marked
 * Auto-Submitted so that vacation replies and other robots leave it alone.
 */
export function composeNotificationEmail(notification: Pick<OwedEmail, "kind" | "title" | "link" | "email">, sender: NotificationSender): Promise<Buffer> {
  const origin = getConfig().publicUrl;
  const open = new URL(notification.link, origin).href;
  const settings = new URL("/settings/notifications", origin).href;
  const text = [
    notification.title,
    "",
    `Open it in Awan: ${open}`,
    "",
    "--",
    `You get this e-mail because you chose e-mail copies of ${KIND_NAMES[notification.kind]} in ${sender.organizationName}.`,
    `Change that in Settings → Notifications: ${settings}`,
  ].join("\n");
  const compiled = new MailComposer({
    from: { name: `${sender.organizationName} on Awan`, address: sender.address },
    to: notification.email,
    subject: notification.title,
    text,
    messageId: newMessageId(sender.address),
    date: new Date(),
    headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
    xMailer: false,
  }).compile();
  return new Promise((resolve, reject) => compiled.build((error, raw) => (error ? reject(error) : resolve(raw))));
}

/**
 * Sends one notification's e-mail to the person's account address: into
 * their mailbox when the address is hosted on this install, else through the
 * outbound queue (which waits, with its reason shown, while no relay is
 * configured). The organization sends it, not a person, so nobody's hourly
 * send limit counts it. Each step runs in a transaction of its own; never
 * inside the one that notified.
 */
export async function sendNotificationEmail(db: Database, owed: OwedEmail): Promise<EmailOutcome> {
  const { organizationId } = owed;
  const sender = await withTenantScope(db, { organizationId }, (tx) => ensureNotificationSender(tx, organizationId));
  const raw = await composeNotificationEmail(owed, sender);
  const found = await lookupRecipient(db, owed.email);
  if (found.status === "FOUND") {
    const [outcome] = await deliverLocally(db, raw, [found.recipient]);
    if (outcome?.delivered) return "DELIVERED";
    console.error(`Notification ${owed.id}: the e-mail copy was not delivered. ${outcome?.message ?? ""}`.trim());
    return outcome?.reason === "QUOTA_EXCEEDED" || outcome?.reason === "FAILED" ? "RETRY" : "FAILED";
  }
  if (found.status === "NOT_LOCAL") {
    await withTenantScope(db, { organizationId }, (tx) => queueOutboundMail(tx, { organizationId, senderId: null, from: sender.address, recipients: [owed.email], raw }));
    return "QUEUED";
  }
  // A domain of this install that nobody receives at, or no address at all: relaying it would only bounce back here.
  console.error(`Notification ${owed.id}: no e-mail copy, since nobody on this install receives mail at the account address ${owed.email}.`);
  return "FAILED";
}
