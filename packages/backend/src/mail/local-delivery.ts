import { withTenantScope, type Database, type MailFolderRole } from "@awan/db";
import { DomainError } from "../errors";
import { getStorageEngine } from "../storage";
import { DeliveryBatches } from "./delivery-batches";
import type { MailAuthentication } from "./message-authentication";
import { mailLimits, recordMails, type MailPlacement } from "./mail-recording";
import { prepareMail } from "./mail-store";
import { findRecipient, resolveRecipient, type MailRecipient, type RecipientLookup } from "./recipients";

// Delivery into mailboxes on this install: by the SMTP server for arriving
// mail, and by sending for recipients here (in this organization or another
// one on the install). Each recipient's mailbox gets a copy of its own,
// recorded in its own organization's scope; the raw bytes are written once
// per organization and shared by its copies. Deliveries into one
// organization that arrive together are written and committed together
// (delivery-batches.ts).

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

/** One message for some recipients of one organization. */
type Delivery = { raw: Buffer; targets: Target[]; opts: DeliverOptions };

function refusal(recipient: string, reason: DeliveryRefusal, message: string): DeliveryOutcome {
  return { recipient, delivered: false, reason, message };
}

function refusalOf(recipient: string, error: unknown): DeliveryOutcome {
  if (error instanceof DomainError && error.code === "QUOTA_EXCEEDED") return refusal(recipient, "QUOTA_EXCEEDED", `The mailbox of ${recipient} is full.`);
  if (error instanceof DomainError && error.code === "INVALID_INPUT") return refusal(recipient, "TOO_LARGE", `The message is larger than ${recipient} accepts.`);
  if (error instanceof DomainError && error.code === "NOT_FOUND") return refusal(recipient, "UNKNOWN_RECIPIENT", `Nobody receives mail at ${recipient} here.`);
  return refusal(recipient, "FAILED", `Delivery to ${recipient} failed; try again later.`);
}

/** The copies of one delivery: one per mailbox (an alias and the primary address in one envelope deliver once). */
function placementsOf({ targets, opts }: Delivery): { mailboxes: string[]; placements: MailPlacement[] } {
  const authentication = opts.authentication ?? null;
  const folder: MailFolderRole = authentication?.failsDmarcReject ? "SPAM" : (opts.folder ?? "INBOX");
  const mailboxes = [...new Set(targets.map((t) => t.resolved.mailboxId))];
  return { mailboxes, placements: mailboxes.map((mailboxId) => ({ mailboxId, folder, authResults: authentication?.results ?? null })) };
}

/** Stores a batch of messages for an organization's recipients: one packed write of their bytes, one transaction. */
async function deliverBatch(db: Database, organizationId: string, deliveries: Delivery[]): Promise<DeliveryOutcome[][]> {
  const copies = deliveries.map(placementsOf);
  const prepared = await prepareMail(organizationId, deliveries.map((d) => d.raw));
  let recorded;
  try {
    recorded = await withTenantScope(db, { organizationId }, (tx) => recordMails(tx, prepared, copies.map((c) => c.placements)));
  } catch (error) {
    await prepared.pack.discard();
    throw error;
  }
  if (!recorded.recorded) await prepared.pack.discard();
  else {
    const engine = getStorageEngine();
    await prepared.pack.afterCommit().catch(() => {}); // one left behind is an orphan the start-up sweep removes
    for (const blobId of recorded.unusedBlobIds) await engine.delete(organizationId, blobId).catch(() => {});
  }
  return deliveries.map((d, i) =>
    d.targets.map((t) => {
      const result = recorded.results[i]![copies[i]!.mailboxes.indexOf(t.resolved.mailboxId)]!;
      if (result instanceof DomainError) return refusalOf(t.recipient, result);
      return { recipient: t.recipient, delivered: true, organizationId, mailboxId: t.resolved.mailboxId, messageId: result.id, threadId: result.threadId, folderId: result.folderId };
    }),
  );
}

const batchesByDatabase = new WeakMap<Database, DeliveryBatches<Delivery, DeliveryOutcome[]>>();

function batchesFor(db: Database): DeliveryBatches<Delivery, DeliveryOutcome[]> {
  let found = batchesByDatabase.get(db);
  if (!found) batchesByDatabase.set(db, (found = new DeliveryBatches((organizationId, deliveries) => deliverBatch(db, organizationId, deliveries))));
  return found;
}

async function deliverToOrganization(db: Database, raw: Buffer, organizationId: string, targets: Target[], opts: DeliverOptions): Promise<DeliveryOutcome[]> {
  try {
    return await batchesFor(db).submit(organizationId, { raw, targets, opts }, raw.length);
  } catch (error) {
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

/** What the SMTP server answers at RCPT: who receives the address and, for someone here, whether their mailbox has room. */
export type RecipientAdmission = Exclude<RecipientLookup, { status: "FOUND" }> | { status: "FOUND"; recipient: MailRecipient; room: MailboxRoom };

/**
 * In one transaction: who receives `address` (recipients.ts findRecipient)
 * and whether their mailbox can take a message of `size` bytes now (0 when
 * the size is not known yet), with the largest message their organization
 * accepts. The store checks again, atomically, when the message is there.
 */
export function admitRecipient(db: Database, address: string, size: number): Promise<RecipientAdmission> {
  return withTenantScope(db, {}, async (tx) => {
    const lookup = await findRecipient(tx, address);
    if (lookup.status !== "FOUND") return lookup;
    const { organizationId, mailboxId } = lookup.recipient;
    const limits = await mailLimits(tx, organizationId);
    const answer = (room: MailboxRoom["room"]) => ({ ...lookup, room: { room, maxMessageBytes: limits.maxMessageBytes } });
    if (size > limits.maxMessageBytes) return answer("TOO_LARGE");
    if (size > limits.mailboxQuotaBytes) return answer("LARGER_THAN_QUOTA");
    const mailbox = await tx.mailbox.findFirst({ where: { id: mailboxId, organizationId }, select: { usedBytes: true } });
    if (!mailbox) return answer("OK"); // gone since the lookup: the store finds out and refuses
    // Full at the quota itself: even a one-byte message would not fit.
    return answer(Number(mailbox.usedBytes) + Math.max(size, 1) > limits.mailboxQuotaBytes ? "FULL" : "OK");
  });
}
