import fs from "node:fs";
import type { AddressInfo } from "node:net";
import type { Database } from "@awan/db";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { getMailConfig } from "../config";
import { getDatabase } from "../db";
import { admitRecipient, deliverLocally, type DeliveryOutcome } from "./local-delivery";
import { authenticateMessage, type DNSResolver } from "./message-authentication";
import type { MailRecipient } from "./recipients";

// The inbound SMTP server (port 25 style: mail for this install's domains
// from anyone, no AUTH, never relayed). Recipients are checked at RCPT; the
// message is answered 250 only once every copy is durable (local-delivery).

/** The largest SIZE advertised: the most any organization may allow (each one's own limit is checked at RCPT and after DATA). */
export const SMTP_MAX_MESSAGE_BYTES = 150 * 1024 * 1024;
const MAX_RECIPIENTS = 100;
/**
 * Bytes of messages held in memory at once, across every connection, while
 * they are received and stored: past it a message is answered 452 (the
 * sender tries again later) rather than 200 clients × 150 MiB exhausting
 * the server.
 */
export const SMTP_MEMORY_BUDGET_BYTES = 512 * 1024 * 1024;

export type InboundSmtpOptions = {
  /** Overrides SMTP_PORT; 0 picks a free port (tests). */
  port?: number;
  host?: string;
  db?: Database;
  /** DNS for SPF/DKIM/DMARC checks (tests pass their own records). */
  resolver?: DNSResolver;
  /** Overrides SMTP_MEMORY_BUDGET_BYTES (tests). */
  memoryBudgetBytes?: number;
};

export type InboundSmtp = { port: number; close(): Promise<void> };

type Envelope = { recipients: { recipient: MailRecipient; maxMessageBytes: number }[] };

/** An SMTP reply: smtp-server sends `responseCode` and the message, which starts with its enhanced status code. */
function reply(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

/** What a header may carry of what the client said: printable ASCII, nothing that ends a line. */
function headerSafe(value: string): string {
  return value.replace(/[^\x21-\x7e]/g, "").slice(0, 200) || "unknown";
}

function traceHeaders(session: SMTPServerSession, hostname: string, authHeaders: string): string {
  const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
  const only = session.envelope.rcptTo.length === 1 ? `\r\n\tfor <${headerSafe(session.envelope.rcptTo[0]!.address)}>` : "";
  return [
    `Return-Path: <${sender ? headerSafe(sender) : ""}>`,
    `Received: from ${headerSafe(session.hostNameAppearsAs)} (${headerSafe(session.clientHostname)} [${headerSafe(session.remoteAddress)}])\r\n\tby ${hostname} (Awan) with ${session.secure ? "ESMTPS" : "ESMTP"} id ${session.id}${only};\r\n\t${new Date().toUTCString().replace("GMT", "+0000")}`,
    ...(authHeaders ? [authHeaders] : []),
  ].join("\r\n") + "\r\n";
}

/** The one reply to DATA, from each recipient's outcome. */
function dataReply(outcomes: DeliveryOutcome[]): Error | null {
  const refused = outcomes.filter((o) => !o.delivered);
  if (refused.length === 0) return null;
  if (refused.length < outcomes.length) {
    // Some copies are durable: answering an error now would deliver them twice on retry.
    for (const o of refused) console.error(`Inbound SMTP: accepted a message that could not be delivered to ${o.recipient}: ${o.reason}.`);
    return null;
  }
  const reasons = new Set(refused.map((o) => (o.delivered ? null : o.reason)));
  if (reasons.has("FAILED")) return reply(451, "4.3.0 Temporary failure storing the message, try again later");
  if (reasons.has("QUOTA_EXCEEDED")) return reply(452, "4.2.2 Mailbox full, try again later");
  if (reasons.has("TOO_LARGE")) return reply(552, "5.3.4 Message too big for the recipient");
  return reply(550, "5.1.1 No such user here");
}

/** Bytes held by messages being received and stored, against a budget shared by every connection. */
class MemoryBudget {
  private held = 0;
  constructor(private readonly limit: number) {}
  take(bytes: number): boolean {
    if (this.held + bytes > this.limit) return false;
    this.held += bytes;
    return true;
  }
  give(bytes: number): void {
    this.held -= bytes;
  }
}

type Received = { raw: Buffer; tooLarge: boolean; overBudget: boolean };

/**
 * Reads a message's bytes, taking them from `budget` (the caller gives back
 * `raw.length` when done with it). Past `limit` or the budget it reads on to
 * the end, keeping nothing.
 */
function readMessage(stream: SMTPServerDataStream, limit: number, budget: MemoryBudget): Promise<Received> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    let overBudget = false;
    const drop = () => {
      budget.give(kept);
      chunks = [];
      kept = 0;
    };
    stream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit || overBudget) return;
      if (!budget.take(chunk.length)) {
        overBudget = true;
        return drop();
      }
      chunks.push(chunk);
      kept += chunk.length;
    });
    stream.on("error", (error) => {
      drop();
      reject(error);
    });
    stream.on("end", () => {
      const tooLarge = bytes > limit || stream.sizeExceeded;
      if (tooLarge) drop();
      resolve({ raw: Buffer.concat(chunks), tooLarge, overBudget });
    });
  });
}

/**
 * Starts the inbound SMTP server on SMTP_PORT (or `options.port`); resolves
 * once it listens, or to null when SMTP_PORT is 0. STARTTLS is offered when
 * SMTP_TLS_CERT/SMTP_TLS_KEY are set; PIPELINING, 8BITMIME and SIZE always.
 */
export async function startInboundSmtp(options: InboundSmtpOptions = {}): Promise<InboundSmtp | null> {
  const config = getMailConfig();
  const port = options.port ?? config.smtpPort;
  if (options.port === undefined && port === 0) return null;
  const db = options.db ?? getDatabase();
  const budget = new MemoryBudget(options.memoryBudgetBytes ?? SMTP_MEMORY_BUDGET_BYTES);
  const envelopes = new Map<string, Envelope>();
  const envelopeOf = (session: SMTPServerSession) => {
    let envelope = envelopes.get(session.id);
    if (!envelope) envelopes.set(session.id, (envelope = { recipients: [] }));
    return envelope;
  };

  const server = new SMTPServer({
    name: config.hostname,
    banner: "Awan mail",
    size: SMTP_MAX_MESSAGE_BYTES,
    authOptional: true,
    disabledCommands: config.tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    ...(config.tls ? { key: fs.readFileSync(config.tls.keyFile), cert: fs.readFileSync(config.tls.certFile) } : {}),
    // Enhanced status codes are written in each reply's text, chosen per case (5.7.1 relaying denied, 5.3.4 too big...).
    hideENHANCEDSTATUSCODES: true,
    disableReverseLookup: true,
    maxClients: 200,
    closeTimeout: 10_000,
    logger: false,

    onMailFrom(_address, session, callback) {
      envelopes.set(session.id, { recipients: [] }); // a new transaction starts with no recipients
      callback();
    },

    onRcptTo(address, session, callback) {
      const envelope = envelopeOf(session);
      if (envelope.recipients.length >= MAX_RECIPIENTS) return callback(reply(452, "4.5.3 Too many recipients"));
      const declared = Number((session.envelope.mailFrom ? (session.envelope.mailFrom.args as { SIZE?: string }).SIZE : undefined) ?? 0) || 0;
      void (async () => {
        const found = await admitRecipient(db, address.address, declared);
        if (found.status === "INVALID") return reply(553, "5.1.3 Bad recipient address syntax");
        if (found.status === "NOT_LOCAL") return reply(550, "5.7.1 Relaying denied");
        if (found.status === "UNKNOWN") return reply(550, "5.1.1 No such user here");
        const { room, maxMessageBytes } = found.room;
        if (room === "TOO_LARGE") return reply(552, "5.3.4 Message too big for the recipient");
        if (room === "LARGER_THAN_QUOTA") return reply(552, "5.2.2 Message larger than the recipient's mailbox");
        if (room === "FULL") return reply(452, "4.2.2 Mailbox full, try again later");
        envelope.recipients.push({ recipient: found.recipient, maxMessageBytes });
        return null;
      })().then(
        (error) => callback(error),
        (error: unknown) => {
          console.error("Inbound SMTP: checking a recipient failed.", error);
          callback(reply(451, "4.3.0 Temporary failure, try again later"));
        },
      );
    },

    onData(stream, session, callback) {
      const { recipients } = envelopeOf(session);
      const limit = Math.max(0, ...recipients.map((r) => r.maxMessageBytes));
      void (async () => {
        const { raw, tooLarge, overBudget } = await readMessage(stream, limit, budget);
        if (tooLarge) return reply(552, "5.3.4 Message too big");
        if (overBudget) return reply(452, "4.3.1 Insufficient system resources, try again later");
        try {
          const origin = { ip: session.remoteAddress, helo: session.hostNameAppearsAs, sender: session.envelope.mailFrom ? session.envelope.mailFrom.address : "" };
          const authentication = await authenticateMessage(raw, origin, { mta: config.hostname, resolver: options.resolver });
          const stored = Buffer.concat([Buffer.from(traceHeaders(session, config.hostname, authentication.results.headers)), raw]);
          const outcomes = await deliverLocally(db, stored, recipients.map((r) => r.recipient), { authentication });
          return dataReply(outcomes);
        } finally {
          budget.give(raw.length);
        }
      })().then(
        (error) => {
          envelopes.set(session.id, { recipients: [] });
          callback(error, error ? undefined : "2.6.0 Message accepted");
        },
        (error: unknown) => {
          // A client that hung up mid-message gets no copy stored and no reply; it sends again.
          if ((error as { code?: string }).code !== "ECONNECTION") console.error("Inbound SMTP: receiving a message failed.", error);
          callback(reply(451, "4.3.0 Temporary failure, try again later"));
        },
      );
    },

    onClose(session) {
      envelopes.delete(session.id);
    },
  });
  // A broken connection is that client's problem; the server goes on.
  server.on("error", (error) => console.error("Inbound SMTP:", error.message));

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, options.host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const listening = (server.server.address() as AddressInfo).port;
  if (options.port === undefined) console.log(`Inbound SMTP listening on port ${listening}`);
  return {
    port: listening,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
