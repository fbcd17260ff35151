import { withTenantScope, type Database, type MailFolderRole } from "@awan/db";
import { DomainError } from "../errors";
import type { MailAuthentication } from "./message-authentication";
import { mailLimits, prepareMail, recordMail, type MailPlacement, type PreparedMail } from "./mail-store";
import { resolveRecipient, type MailRecipient } from "./recipients";

// Delivery into mailboxes on this install: by the SMTP server for arriving
// mail, and by sending for recipients here (in this organization or another
// one on the install). Each recipient's mailbox gets a copy of its own,
// recorded in its own organization's scope; the raw bytes are written once
// per organization and shared by its copies.

export type DeliveryRefusal = "UNKNOWN_RECIPIENT" | "QUOTA_EXCEEDED" | "TOO_LARGE" | "FAILED";

export type DeliveryOutcome =
  | { recipient: string; delivered: true; organizationId: string; mailboxId: string; messageId: string; threadId: string; folderId: string }
  | { recipient: string; delivered: false; reason: DeliveryRefusal; message: string };

export type DeliverOptions = {
  /** Verdicts of arriving mail: stored with each copy; DMARC fail with p=reject files it as Spam. */
  authentication?: MailAuthentication | null;
  /** Where the copies go (default Inbox). */
  folder?: MailFolderRole;
};

/** A recipient as typed, or one already resolved (the SMTP server resolves at RCPT). */
export type DeliveryRecipient = string | MailRecipient;

type Target = { index: number; recipient: string; resolved: MailRecipient };

function refusal(recipient: string, reason: DeliveryRefusal, message: string): DeliveryOutcome {
  return { recipient, delivered: false, reason, message };
}

function refusalOf(recipient: string, error: unknown): DeliveryOutcome {
  if (error instanceof DomainError && error.code === "QUOTA_EXCEEDED") return refusal(recipient, "QUOTA_EXCEEDED", `The mailbox of ${recipient} is full.`);
  if (error instanceof DomainError && error.code === "NOT_FOUND") return refusal(recipient, "UNKNOWN_RECIPIENT", `Nobody receives mail at ${recipient} here.`);
  return refusal(recipient, "FAILED", `Delivery to ${recipient} failed; try again later.`);
}

/** Stores the message for an organization's recipients, from one write of its bytes. */
async function deliverToOrganization(db: Database, raw: Buffer, organizationId: string, targets: Target[], opts: DeliverOptions): Promise<DeliveryOutcome[]> {
  const authentication = opts.authentication ?? null;
  const folder: MailFolderRole = authentication?.failsDmarcReject ? "SPAM" : (opts.folder ?? "INBOX");
  // One copy per mailbox: an alias and the primary address in one envelope deliver once.
  const mailboxes = [...new Set(targets.map((t) => t.resolved.mailboxId))];
  const placements: MailPlacement[] = mailboxes.map((mailboxId) => ({ mailboxId, folder, authResults: authentication?.results ?? null }));
  let prepared: PreparedMail | undefined;
  try {
    prepared = await prepareMail(organizationId, raw);
    const ready = prepared;
    const results = await withTenantScope(db, { organizationId }, async (tx) => {
      const limits = await mailLimits(tx, organizationId);
      if (raw.length > limits.maxMessageBytes) return null;
      return recordMail(tx, ready, placements);
    });
    if (!results) {
      await prepared.pack.discard();
      return targets.map((t) => refusal(t.recipient, "TOO_LARGE", `The message is larger than ${t.recipient} accepts.`));
    }
    if (results.every((r) => r instanceof DomainError)) await prepared.pack.discard();
    return targets.map((t) => {
      const result = results[mailboxes.indexOf(t.resolved.mailboxId)]!;
      if (result instanceof DomainError) return refusalOf(t.recipient, result);
      return { recipient: t.recipient, delivered: true, organizationId, mailboxId: t.resolved.mailboxId, messageId: result.id, threadId: result.threadId, folderId: result.folderId };
    });
  } catch (error) {
    await prepared?.pack.discard();
    console.error(`Local delivery into organization ${organizationId} failed.`, error);
    return targets.map((t) => refusalOf(t.recipient, error));
  }
}

/**
 * Delivers `raw` to each recipient on this install and says per recipient
 * (in their order) what became of it. A delivered copy is durable: its
 * bytes on the storage quorum and its row committed. Never throws for one
 * recipient's trouble; an unknown address, a full mailbox or a message too
 * large is that recipient's outcome.
 */
export async function deliverLocally(db: Database, raw: Buffer, recipients: DeliveryRecipient[], opts: DeliverOptions = {}): Promise<DeliveryOutcome[]> {
  const outcomes: (DeliveryOutcome | undefined)[] = recipients.map(() => undefined);
  const byOrganization = new Map<string, Target[]>();
  await Promise.all(
    recipients.map(async (given, index) => {
      const recipient = typeof given === "string" ? given.trim().toLowerCase() : given.address;
      const resolved = typeof given === "string" ? await resolveRecipient(db, recipient) : given;
      if (!resolved) {
        outcomes[index] = refusal(recipient, "UNKNOWN_RECIPIENT", `Nobody receives mail at ${recipient} here.`);
        return;
      }
      byOrganization.set(resolved.organizationId, [...(byOrganization.get(resolved.organizationId) ?? []), { index, recipient, resolved }]);
    }),
  );
  await Promise.all(
    [...byOrganization].map(async ([organizationId, targets]) => {
      const results = await deliverToOrganization(db, raw, organizationId, targets, opts);
      targets.forEach((t, i) => (outcomes[t.index] = results[i]));
    }),
  );
  return outcomes.map((o) => o!);
}

export type MailboxRoom = { room: "OK" | "FULL" | "LARGER_THAN_QUOTA" | "TOO_LARGE"; maxMessageBytes: number };

/**
 * Whether the recipient's mailbox can take a message of `size` bytes now
 * (0 when the size is not known yet), and the largest message its
 * organization accepts: what the SMTP server answers at RCPT. The store
 * checks again, atomically, when the message is there.
 */
export async function checkMailboxRoom(db: Database, recipient: MailRecipient, size: number): Promise<MailboxRoom> {
  return withTenantScope(db, { organizationId: recipient.organizationId }, async (tx) => {
    const limits = await mailLimits(tx, recipient.organizationId);
    const answer = (room: MailboxRoom["room"]) => ({ room, maxMessageBytes: limits.maxMessageBytes });
    if (size > limits.maxMessageBytes) return answer("TOO_LARGE");
    if (size > limits.mailboxQuotaBytes) return answer("LARGER_THAN_QUOTA");
    const mailbox = await tx.mailbox.findFirst({ where: { id: recipient.mailboxId, organizationId: recipient.organizationId }, select: { usedBytes: true } });
    if (!mailbox) return answer("OK"); // gone since the lookup: the store finds out and refuses
    // Full at the quota itself: even a one-byte message would not fit.
    return answer(Number(mailbox.usedBytes) + Math.max(size, 1) > limits.mailboxQuotaBytes ? "FULL" : "OK");
  });
}
