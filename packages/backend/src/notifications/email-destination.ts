import type { Database } from "@awan/db";
import { getMailConfig } from "../config";
import { lookupRecipient } from "../mail/recipients";
import type { NotificationScope } from "./notification-scope";

export type EmailDestination = {
  /** The account's e-mail address, where copies go. */
  address: string;
  /**
   * HOSTED: a mailbox on this install receives it; OUTSIDE: another domain,
   * through the outbound queue; UNDELIVERABLE: a domain of this install
   * where nobody receives that address, so copies cannot be delivered.
   */
  route: "HOSTED" | "OUTSIDE" | "UNDELIVERABLE";
  /** Whether a relay (SMTP_RELAY_URL) sends mail to other domains; without one it waits queued. */
  relayConfigured: boolean;
};

/** Where the actor's notification e-mails go, decided as the mailer decides it (notification-email.ts). */
export async function describeEmailDestination(db: Database, { tx, actor }: NotificationScope): Promise<EmailDestination> {
  const { email } = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } });
  const found = await lookupRecipient(db, email);
  const route = found.status === "FOUND" ? "HOSTED" : found.status === "NOT_LOCAL" ? "OUTSIDE" : "UNDELIVERABLE";
  return { address: email, route, relayConfigured: getMailConfig().relayUrl !== undefined };
}
