import crypto from "node:crypto";
import type { OutboundState, ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { formatBytes } from "../files/format-bytes";
import { getStorageEngine } from "../storage";
import { signWithDomainKey } from "./dkim-signing";
import type { MailScope } from "./mail-scope";
import { effectiveMailSettings } from "./mail-settings";
import { headerFromAddresses, withoutHeaders } from "./message-headers";
import { openEnvelope, parseEnvelopeAddress, sealEnvelope, type OutboundEnvelope, type RecipientStatus } from "./outbound-envelope";

/** The NOTIFY channel a committed queueing wakes the workers on (see outbound-worker.ts). */
export const OUTBOUND_QUEUED_CHANNEL = "awan_outbound_queued";

export const MAX_OUTBOUND_RECIPIENTS = 100;

export type QueueOutboundMailInput = {
  organizationId: string;
  /**
   * The person sending, whose outbox lists it; none for mail the system sends
   * (bounces, notification e-mails). Their send limit is counted where they
   * send (send-limit.ts), not here, as it covers their local recipients too.
   */
  senderId?: string | null;
  /** The envelope sender (MAIL FROM), on one of the organization's domains; bounces go to it. */
  from: string;
  /** The envelope recipients (RCPT TO): those on other domains, blind copies included. */
  recipients: string[];
  /** The message as built by the composer (CRLF line ends). A Bcc header is removed. */
  raw: Buffer;
};

/**
 * Queues a message for the relay, inside the caller's transaction (scoped to
 * the organization): signs it with the From domain's DKIM key, stores the
 * signed bytes encrypted through the storage engine and the envelope sealed
 * under the organization's data key. The workers hear of it when the
 * transaction commits, so the first attempt follows at once.
 */
export async function queueOutboundMail(tx: ScopedDb, input: QueueOutboundMailInput): Promise<{ id: string }> {
  const { organizationId } = input;
  const from = parseEnvelopeAddress(input.from);
  const recipients = [...new Set(input.recipients.map((r) => parseEnvelopeAddress(r).address))];
  if (recipients.length === 0) throw new DomainError("INVALID_INPUT", "Add at least one recipient.");
  if (recipients.length > MAX_OUTBOUND_RECIPIENTS) {
    throw new DomainError("INVALID_INPUT", `A message can go to at most ${MAX_OUTBOUND_RECIPIENTS} outside recipients at once.`);
  }
  const settings = await effectiveMailSettings(tx, organizationId);
  if (input.raw.length > settings.maxMessageBytes) {
    throw new DomainError("INVALID_INPUT", `The message is too large to send: at most ${formatBytes(settings.maxMessageBytes)}.`);
  }
  const raw = withoutHeaders(input.raw, ["Bcc"]);
  // The signature vouches for the From header: it must name the domain that signs.
  const headerFrom = await headerFromAddresses(raw);
  if (headerFrom.length !== 1 || parseEnvelopeAddress(headerFrom[0]!).domain !== from.domain) {
    throw new DomainError("INVALID_INPUT", `The message's From header must be one address on ${from.domain}.`);
  }

  const signed = await signWithDomainKey(tx, organizationId, from.domain, raw);
  // Bounces come back to the envelope sender: it must be an address that reaches someone here.
  const owned = await tx.mailAddress.findFirst({ where: { organizationId, address: from.address.toLowerCase() }, select: { id: true } });
  if (!owned) throw new DomainError("FORBIDDEN", `${from.address} is not an address of this organization, so mail cannot be sent from it.`);
  const { dataKey } = await getStorageEngine().organizationKeys(tx, organizationId);
  const pack = await getStorageEngine().storeSmall(organizationId, [signed]);
  try {
    await pack.record(tx);
    const id = crypto.randomUUID();
    const envelope: OutboundEnvelope = {
      from: from.address,
      recipients: recipients.map((address) => ({ address, status: "PENDING", reply: null, bounced: false })),
    };
    await tx.outboundMail.create({
      data: {
        id,
        organizationId,
        senderId: input.senderId ?? null,
        blobId: pack.blobs[0]!.blobId,
        envelope: await sealEnvelope(dataKey, organizationId, id, envelope),
      },
      select: { id: true },
    });
    await tx.$executeRaw`SELECT pg_notify(${OUTBOUND_QUEUED_CHANNEL}, '')`;
    return { id };
  } catch (error) {
    await pack.discard();
    throw error;
  }
}

export type OutboxEntry = {
  id: string;
  recipients: { address: string; status: RecipientStatus; reply: string | null }[];
  state: OutboundState;
  attempts: number;
  lastError: string | null;
  /** When the next attempt is due; null once the message is sent or given up. */
  nextAttemptAt: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
};

/** The actor's own messages to other domains, newest first: where each stands with each recipient. */
export async function listOutbox({ tx, actor }: MailScope, limit = 50): Promise<OutboxEntry[]> {
  const rows = await tx.outboundMail.findMany({
    where: { organizationId: actor.organizationId, senderId: actor.userId },
    select: { id: true, envelope: true, state: true, attempts: true, lastError: true, nextAttemptAt: true, createdAt: true, finishedAt: true },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  if (rows.length === 0) return [];
  const { dataKey } = await getStorageEngine().organizationKeys(tx, actor.organizationId);
  return Promise.all(
    rows.map(async (row) => {
      const envelope = await openEnvelope(dataKey, actor.organizationId, row.id, row.envelope);
      return {
        id: row.id,
        recipients: envelope.recipients.map(({ address, status, reply }) => ({ address, status, reply })),
        state: row.state,
        attempts: row.attempts,
        lastError: row.lastError,
        nextAttemptAt: row.state === "QUEUED" ? row.nextAttemptAt : null,
        createdAt: row.createdAt,
        finishedAt: row.finishedAt,
      };
    }),
  );
}
