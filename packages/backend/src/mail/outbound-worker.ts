import { withTenantScope, type Database } from "@awan/db";
import { getStorageEngine } from "../storage";
import { buildBounceMessage, type UndeliveredRecipient } from "./bounce-message";
import { openEnvelope, sealEnvelope, type OutboundEnvelope } from "./outbound-envelope";
import { relayMessage, type RelayOutcome, type RelaySettings } from "./relay-transport";
import { hasExpired, nextAttemptAfter, OUTBOUND_EXPIRY_MS } from "./retry-schedule";

export const NO_RELAY_MESSAGE = "No relay is configured (SMTP_RELAY_URL); the message waits in the queue.";

/** How long a claimed message is left to its worker before another may take it (a crash mid-send). */
const CLAIM_LEASE_MS = 10 * 60 * 1000;
/** Due messages listed at a time; a full batch is followed by the next at once. */
const BATCH = 20;
/** SMTP transactions with the relay at once: a slow relay does not hold the whole queue behind one message. */
const SENDING_AT_ONCE = 4;

export type OutboundWorkerOptions = {
  /** The smarthost, or undefined: then messages wait, marked with NO_RELAY_MESSAGE. */
  relayUrl: URL | undefined;
  /** This server's mail name (EHLO, bounces). */
  hostname: string;
  /** Puts a bounce into the sender's own mailbox, in the message's organization (see bounce-delivery.ts). */
  deliverBounce: (bounce: { organizationId: string; sender: string; raw: Buffer }) => Promise<void>;
  /** Only these organizations' messages (a "try now" for one organization; tests that share a database). */
  organizationIds?: string[];
};

export type OutboundRunReport = { attempted: number; sent: number; failed: number; retrying: number; waitingForRelay: number; bounces: number };

type Claimed = { id: string; organizationId: string; blobId: string; envelope: Uint8Array; attempts: number; createdAt: Date };

/**
 * One pass over the queue: lists due messages across organizations (the
 * platform-job scope sees ids and organizations only), claims each inside its
 * own organization's scope with FOR UPDATE SKIP LOCKED and a lease, so that
 * however many console processes run this at once, each message goes to one
 * of them, then sends it and records the outcome.
 */
export async function runOutboundQueue(db: Database, options: OutboundWorkerOptions): Promise<OutboundRunReport> {
  const report: OutboundRunReport = { attempted: 0, sent: 0, failed: 0, retrying: 0, waitingForRelay: 0, bounces: 0 };
  if (!options.relayUrl) {
    report.waitingForRelay = await markWaitingForRelay(db, options.organizationIds);
    return report;
  }
  const relay: RelaySettings = { url: options.relayUrl, hostname: options.hostname };
  for (;;) {
    const due = await listDue(db, options.organizationIds);
    let claimed = 0;
    // Each message is claimed just before it is sent, so its lease covers one SMTP transaction, not a batch's.
    await forEachAtMost(SENDING_AT_ONCE, due, async ({ id, organizationId }) => {
      const [message] = await claim(db, organizationId, [id]);
      if (!message) return;
      claimed++;
      report.attempted++;
      // One message's trouble (its bytes unreadable, say) must not hold up the rest; its lease brings it back later.
      await attempt(db, relay, options, message, report).catch((error: unknown) =>
        console.error(`Outbound mail: the attempt on message ${message.id} failed; it is tried again later.`, error),
      );
    });
    // Another worker holding this whole batch would give the same list again: stop rather than spin.
    if (due.length < BATCH || claimed === 0) return report;
  }
}

async function forEachAtMost<T>(limit: number, items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

function listDue(db: Database, organizationIds: string[] | undefined): Promise<{ id: string; organizationId: string }[]> {
  return withTenantScope(db, { platformJob: true }, (tx) =>
    tx.outboundMail.findMany({
      where: { state: "QUEUED", nextAttemptAt: { lte: new Date() }, ...(organizationIds && { organizationId: { in: organizationIds } }) },
      select: { id: true, organizationId: true },
      orderBy: { nextAttemptAt: "asc" },
      take: BATCH,
    }),
  );
}

function groupByOrganization(rows: { id: string; organizationId: string }[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.organizationId, [...(groups.get(row.organizationId) ?? []), row.id]);
  return groups;
}

// Rows another worker holds are skipped; rows it already claimed are no longer due.
function claim(db: Database, organizationId: string, ids: string[]): Promise<Claimed[]> {
  return withTenantScope(db, { organizationId }, (tx) =>
    tx.$queryRaw<Claimed[]>`
      UPDATE "OutboundMail" SET "attempts" = "attempts" + 1, "nextAttemptAt" = now() + ${`${CLAIM_LEASE_MS} milliseconds`}::interval
      WHERE "id" IN (
        SELECT "id" FROM "OutboundMail"
        WHERE "id" = ANY(${ids}::uuid[]) AND "state" = 'QUEUED' AND "nextAttemptAt" <= now()
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "organizationId", "blobId", "envelope", "attempts", "createdAt"`,
  );
}

async function attempt(db: Database, relay: RelaySettings, options: OutboundWorkerOptions, message: Claimed, report: OutboundRunReport): Promise<void> {
  const { id, organizationId } = message;
  const engine = getStorageEngine();
  const { dataKey } = await withTenantScope(db, { organizationId }, (tx) => engine.organizationKeys(tx, organizationId));
  const envelope = await openEnvelope(dataKey, organizationId, id, message.envelope);
  const raw = await engine.readAll(organizationId, message.blobId);
  const pending = envelope.recipients.filter((r) => r.status === "PENDING").map((r) => r.address);
  const outcomes = pending.length > 0 ? await relayMessage(relay, { from: envelope.from, recipients: pending, raw }) : [];
  const now = new Date();
  applyOutcomes(envelope, outcomes, hasExpired(message.createdAt, now));

  const stillPending = envelope.recipients.filter((r) => r.status === "PENDING");
  const toBounce = envelope.recipients.filter((r) => (r.status === "FAILED" || r.status === "EXPIRED") && !r.bounced);
  if (toBounce.length > 0) {
    await bounce(options, organizationId, envelope.from, message.createdAt, raw, toBounce);
    for (const r of toBounce) r.bounced = true;
    report.bounces++;
  }
  const finished = stillPending.length === 0;
  const anyFailed = envelope.recipients.some((r) => r.status === "FAILED" || r.status === "EXPIRED");
  const lastError = outcomes.find((o) => o.result !== "SENT")?.reply ?? null;
  const expiresAt = new Date(message.createdAt.getTime() + OUTBOUND_EXPIRY_MS);
  const retryAt = new Date(Math.min(nextAttemptAfter(message.attempts, now).getTime(), expiresAt.getTime()));
  await withTenantScope(db, { organizationId }, async (tx) =>
    tx.outboundMail.update({
      where: { id },
      data: {
        envelope: await sealEnvelope(dataKey, organizationId, id, envelope),
        state: finished ? (anyFailed ? "FAILED" : "SENT") : "QUEUED",
        lastError,
        ...(finished ? { finishedAt: now } : { nextAttemptAt: retryAt }),
      },
      select: { id: true },
    }),
  );
  if (!finished) report.retrying++;
  else if (anyFailed) report.failed++;
  else report.sent++;
}

/** Records each recipient's outcome; a temporary failure past the expiry gives that recipient up. */
function applyOutcomes(envelope: OutboundEnvelope, outcomes: RelayOutcome[], expired: boolean): void {
  for (const outcome of outcomes) {
    const recipient = envelope.recipients.find((r) => r.address === outcome.address);
    if (!recipient) continue;
    recipient.reply = outcome.reply;
    if (outcome.result === "SENT") recipient.status = "SENT";
    else if (outcome.result === "PERMANENT") recipient.status = "FAILED";
    else if (expired) recipient.status = "EXPIRED";
  }
}

async function bounce(options: OutboundWorkerOptions, organizationId: string, sender: string, queuedAt: Date, original: Buffer, recipients: OutboundEnvelope["recipients"]): Promise<void> {
  const failures: UndeliveredRecipient[] = recipients.map((r) => ({ address: r.address, reply: r.reply, expired: r.status === "EXPIRED" }));
  const raw = await buildBounceMessage({ hostname: options.hostname, sender, queuedAt, failures, original });
  // A bounce that cannot be delivered (the sender's address is gone) is not
  // retried: it would only ever bounce itself. The queue row keeps the reasons.
  await options.deliverBounce({ organizationId, sender, raw }).catch((error: unknown) => console.error(`Outbound mail: the bounce to ${sender} could not be delivered.`, error));
}

/**
 * Without a relay nothing is attempted: each waiting message is marked once
 * with the reason (so the outbox says why), and stays due, so the first run
 * after a relay is configured sends it.
 */
async function markWaitingForRelay(db: Database, organizationIds: string[] | undefined): Promise<number> {
  const due = await withTenantScope(db, { platformJob: true }, (tx) =>
    tx.outboundMail.findMany({
      where: {
        state: "QUEUED",
        OR: [{ lastError: null }, { lastError: { not: NO_RELAY_MESSAGE } }],
        ...(organizationIds && { organizationId: { in: organizationIds } }),
      },
      select: { id: true, organizationId: true },
    }),
  );
  let marked = 0;
  for (const [organizationId, ids] of groupByOrganization(due)) {
    marked += await withTenantScope(db, { organizationId }, async (tx) => {
      const { count } = await tx.outboundMail.updateMany({ where: { id: { in: ids }, state: "QUEUED" }, data: { lastError: NO_RELAY_MESSAGE } });
      return count;
    });
  }
  return marked;
}
