import crypto from "node:crypto";
import { createDatabase } from "@awan/db";
import { dkimVerify } from "mailauth";
import { simpleParser } from "mailparser";
import MailComposer from "nodemailer/lib/mail-composer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig } from "../config";
import { getDatabase } from "../db";
import { callerFor } from "../testing/fixtures";
import { deliverBounceToSender } from "./bounce-delivery";
import { dkimRecord } from "./dkim-keys";
import { readRawMessage } from "./mail-store";
import { inOrganization, messagesIn, newColleague, newMailUser, type MailUser } from "./testing/mail-fixture";
import { startSmarthost, type Smarthost } from "./testing/smarthost";
import { removeFinishedOutboundMail } from "./outbound-housekeeping";
import { queueOutboundMail } from "./outbound-queue";
import { startOutboundRunner } from "./outbound-runner";
import { NO_RELAY_MESSAGE, runOutboundQueue, type OutboundWorkerOptions } from "./outbound-worker";

const HOSTNAME = "mail.outbound-test.localhost";
const db = getDatabase();

function workerFor(user: MailUser, relay: Smarthost | undefined): OutboundWorkerOptions {
  return {
    relayUrl: relay?.url,
    hostname: HOSTNAME,
    deliverBounce: (bounce) => deliverBounceToSender(db, bounce),
    organizationIds: [user.organizationId],
  };
}

/** A message as the webmail composes it; with `keepBcc`, the Bcc header stays in the bytes handed to the queue. */
async function compose(opts: { from: string; to: string; cc?: string; bcc?: string; subject: string; text: string }): Promise<Buffer> {
  const node = new MailComposer(opts).compile();
  node.keepBcc = true;
  return node.build();
}

function queue(user: MailUser, raw: Buffer, recipients: string[], from = user.address) {
  return inOrganization(user.organizationId, (tx) => queueOutboundMail(tx, { organizationId: user.organizationId, senderId: user.userId, from, recipients, raw }));
}

function outboundRow(user: MailUser, id: string) {
  return inOrganization(user.organizationId, (tx) =>
    tx.outboundMail.findUniqueOrThrow({ where: { id }, select: { state: true, attempts: true, lastError: true, nextAttemptAt: true, finishedAt: true } }),
  );
}

/** Makes a waiting message due now, as the passing of its backoff would. */
function makeDue(user: MailUser, id: string, extra: { createdAt?: Date } = {}) {
  return inOrganization(user.organizationId, (tx) => tx.outboundMail.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000), ...extra } }));
}

/** DNS as the world would answer it once the domain's DKIM record is published (public DNS cannot be reached here). */
async function publishedKeyResolver(user: MailUser) {
  const domain = user.address.split("@")[1]!;
  const { dkimPublicKey } = await inOrganization(user.organizationId, (tx) => tx.mailDomain.findUniqueOrThrow({ where: { name: domain }, select: { dkimPublicKey: true } }));
  return async (name: string, rrtype: string) => {
    if (rrtype === "TXT" && name === `awan._domainkey.${domain}`) return [[dkimRecord(dkimPublicKey)]];
    throw Object.assign(new Error(`${name} ${rrtype}: no such record`), { code: "ENOTFOUND" });
  };
}

async function readBounce(user: MailUser, blobId: string) {
  const raw = await readRawMessage(user.organizationId, blobId);
  return { raw: raw.toString("latin1"), text: (await simpleParser(raw)).text ?? "" };
}

describe("outbound mail", () => {
  let sender: MailUser;
  let colleague: MailUser;

  beforeAll(async () => {
    sender = await newMailUser("outbound");
    colleague = await newColleague(sender, "outcolleague");
  });

  it("relays to the smarthost with the envelope's recipients only, DKIM-signed so that the published key verifies it", async () => {
    const smarthost = await startSmarthost();
    try {
      const raw = await compose({
        from: `Out Bound <${sender.address}>`,
        to: "Friend <friend@example.net>",
        cc: colleague.address,
        bcc: "hidden@example.org",
        subject: "Quarterly figures",
        text: "Hello from Awan.\nLine two.",
      });
      expect(raw.toString()).toMatch(/^Bcc: hidden@example\.org/m);
      const { id } = await queue(sender, raw, ["friend@example.net", "hidden@example.org"]);

      const report = await runOutboundQueue(db, workerFor(sender, smarthost));
      expect(report).toMatchObject({ attempted: 1, sent: 1, failed: 0, retrying: 0 });
      expect(smarthost.received).toHaveLength(1);
      const [mail] = smarthost.received;
      expect(mail!.from).toBe(sender.address);
      // The colleague is local (delivered directly by the sender): only the outside recipients are in the envelope.
      expect(mail!.recipients.sort()).toEqual(["friend@example.net", "hidden@example.org"]);
      const headers = mail!.raw.toString("latin1").split("\r\n\r\n")[0]!;
      expect(headers).not.toMatch(/^Bcc:/im);
      expect(headers).not.toContain("hidden@example.org");

      const resolver = await publishedKeyResolver(sender);
      const verified = await dkimVerify(mail!.raw, { resolver });
      expect(verified.results).toHaveLength(1);
      expect(verified.results[0]).toMatchObject({ signingDomain: sender.address.split("@")[1], selector: "awan", status: { result: "pass", aligned: expect.any(String) } });
      // The same check fails once the body is changed on the way.
      const tampered = Buffer.from(mail!.raw.toString("latin1").replace("Line two.", "Line 2."), "latin1");
      expect((await dkimVerify(tampered, { resolver })).results[0]!.status.result).not.toBe("pass");

      expect(await outboundRow(sender, id)).toMatchObject({ state: "SENT", attempts: 1, lastError: null, finishedAt: expect.any(Date) });
      const { caller } = await callerFor(sender.userId);
      const outbox = await caller.mailOutbox.list();
      expect(outbox.find((m) => m.id === id)).toMatchObject({
        state: "SENT",
        attempts: 1,
        nextAttemptAt: null,
        recipients: [
          { address: "friend@example.net", status: "SENT" },
          { address: "hidden@example.org", status: "SENT" },
        ],
      });
      // A colleague's outbox does not show it.
      const other = await (await callerFor(colleague.userId)).caller.mailOutbox.list();
      expect(other.map((m) => m.id)).not.toContain(id);
    } finally {
      await smarthost.close();
    }
  });

  it("sends what a person writes in the webmail to a colleague directly and to outside recipients through the smarthost", async () => {
    const smarthost = await startSmarthost();
    try {
      const { caller } = await callerFor(sender.userId);
      const colleagueBefore = (await messagesIn(colleague)).length;
      await caller.mail.send({
        fromMailboxId: sender.mailboxId,
        to: ["partner@example.com", colleague.address],
        bcc: ["auditor@example.org"],
        subject: "Signed contract",
        text: "The contract is signed.",
      });
      expect(await messagesIn(colleague)).toHaveLength(colleagueBefore + 1);
      expect(await runOutboundQueue(db, workerFor(sender, smarthost))).toMatchObject({ attempted: 1, sent: 1 });
      const [mail] = smarthost.received;
      expect(mail!.recipients.sort()).toEqual(["auditor@example.org", "partner@example.com"]);
      expect(mail!.raw.toString("latin1").split("\r\n\r\n")[0]).not.toContain("auditor@example.org");
      const verified = await dkimVerify(mail!.raw, { resolver: await publishedKeyResolver(sender) });
      expect(verified.results[0]!.status.result).toBe("pass");
      expect((await simpleParser(mail!.raw)).text?.trim()).toBe("The contract is signed.");
    } finally {
      await smarthost.close();
    }
  });

  it("tries again after a 451 and sends on the next attempt", async () => {
    const smarthost = await startSmarthost((_address, attempt) => (attempt === 1 ? "451 4.7.1 Greylisted, try again later" : undefined));
    try {
      const raw = await compose({ from: sender.address, to: "grey@example.net", subject: "Greylisted", text: "Second time lucky." });
      const { id } = await queue(sender, raw, ["grey@example.net"]);

      expect(await runOutboundQueue(db, workerFor(sender, smarthost))).toMatchObject({ attempted: 1, retrying: 1, sent: 0 });
      const waiting = await outboundRow(sender, id);
      expect(waiting).toMatchObject({ state: "QUEUED", attempts: 1, lastError: expect.stringContaining("451") });
      expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
      expect(smarthost.received).toHaveLength(0);
      // Not due yet: a run now leaves it alone.
      expect(await runOutboundQueue(db, workerFor(sender, smarthost))).toMatchObject({ attempted: 0 });

      await makeDue(sender, id);
      expect(await runOutboundQueue(db, workerFor(sender, smarthost))).toMatchObject({ attempted: 1, sent: 1 });
      expect(smarthost.received).toHaveLength(1);
      expect(smarthost.rcptAttempts.get("grey@example.net")).toBe(2);
      expect(await outboundRow(sender, id)).toMatchObject({ state: "SENT", attempts: 2, lastError: null });
    } finally {
      await smarthost.close();
    }
  });

  it("retries, bouncing nothing, when the relay cannot be reached or refuses the login; logs in with the URL's credentials", async () => {
    const raw = await compose({ from: sender.address, to: "later@example.net", subject: "Relay trouble", text: "." });
    const { id } = await queue(sender, raw, ["later@example.net"]);
    const closed = await startSmarthost();
    await closed.close();
    expect(await runOutboundQueue(db, workerFor(sender, closed))).toMatchObject({ attempted: 1, retrying: 1, bounces: 0 });
    expect(await outboundRow(sender, id)).toMatchObject({ state: "QUEUED", lastError: expect.stringContaining("ECONNREFUSED") });

    const relay = await startSmarthost(undefined, { login: { user: "awan relay", pass: "s3cret:/@" } });
    try {
      const wrong = new URL(relay.url);
      wrong.username = "awan%20relay";
      wrong.password = "wrong";
      await makeDue(sender, id);
      expect(await runOutboundQueue(db, { ...workerFor(sender, relay), relayUrl: wrong })).toMatchObject({ attempted: 1, retrying: 1, bounces: 0 });
      expect(await outboundRow(sender, id)).toMatchObject({ state: "QUEUED", lastError: expect.stringContaining("535") });

      const right = new URL(relay.url);
      right.username = "awan%20relay";
      right.password = encodeURIComponent("s3cret:/@");
      await makeDue(sender, id);
      expect(await runOutboundQueue(db, { ...workerFor(sender, relay), relayUrl: right })).toMatchObject({ attempted: 1, sent: 1 });
      expect(relay.received).toHaveLength(1);
      expect(await outboundRow(sender, id)).toMatchObject({ state: "SENT", attempts: 3 });
    } finally {
      await relay.close();
    }
  });

  it("gives up a recipient refused with 550 and puts a bounce with the reason and the original headers in the sender's Inbox", async () => {
    const smarthost = await startSmarthost((address) => (address === "nobody@example.net" ? "550 5.1.1 No such user here" : undefined));
    try {
      const before = (await messagesIn(sender)).length;
      const raw = await compose({ from: sender.address, to: "nobody@example.net, friend@example.net", subject: "Project plan 550", text: "Plan attached." });
      const { id } = await queue(sender, raw, ["nobody@example.net", "friend@example.net"]);

      expect(await runOutboundQueue(db, workerFor(sender, smarthost))).toMatchObject({ attempted: 1, failed: 1, bounces: 1 });
      expect(smarthost.received.map((m) => m.recipients)).toEqual([["friend@example.net"]]);
      expect(await outboundRow(sender, id)).toMatchObject({ state: "FAILED", finishedAt: expect.any(Date), lastError: expect.stringContaining("550") });
      const { caller } = await callerFor(sender.userId);
      expect((await caller.mailOutbox.list()).find((m) => m.id === id)?.recipients).toEqual([
        { address: "nobody@example.net", status: "FAILED", reply: expect.stringContaining("5.1.1 No such user here") },
        { address: "friend@example.net", status: "SENT", reply: expect.stringMatching(/^250/) },
      ]);

      const messages = await messagesIn(sender);
      expect(messages).toHaveLength(before + 1);
      const bounce = messages.at(-1)!;
      expect(bounce.folderRole).toBe("INBOX");
      expect(bounce.summary.subject).toBe("Undelivered Mail Returned to Sender");
      expect(bounce.summary.from?.address.toLowerCase()).toBe(`mailer-daemon@${HOSTNAME}`);
      const report = await readBounce(sender, bounce.blobId);
      expect(report.raw).toMatch(/^Content-Type: multipart\/report; report-type=delivery-status;/m);
      expect(report.text).toContain("<nobody@example.net>: the receiving server refused it: 550 5.1.1 No such user here");
      expect(report.text).not.toContain("friend@example.net");
      expect(report.raw).toContain("Final-Recipient: rfc822; nobody@example.net");
      expect(report.raw).toContain("Status: 5.1.1");
      expect(report.raw).toMatch(/^Content-Type: text\/rfc822-headers/m);
      expect(report.raw).toContain("Subject: Project plan 550"); // the original headers
    } finally {
      await smarthost.close();
    }
  });

  it("gives up after the expiry on a recipient that only ever answers 4xx, and bounces it as expired", async () => {
    const smarthost = await startSmarthost(() => "452 4.2.2 Mailbox full");
    try {
      const before = (await messagesIn(sender)).length;
      const raw = await compose({ from: sender.address, to: "full@example.net", subject: "Old news", text: "Waited too long." });
      const { id } = await queue(sender, raw, ["full@example.net"]);
      expect(await runOutboundQueue(db, workerFor(sender, smarthost))).toMatchObject({ retrying: 1 });
      // Four days and a bit later:
      await makeDue(sender, id, { createdAt: new Date(Date.now() - 4.1 * 24 * 60 * 60 * 1000) });
      expect(await runOutboundQueue(db, workerFor(sender, smarthost))).toMatchObject({ failed: 1, bounces: 1 });
      expect(await outboundRow(sender, id)).toMatchObject({ state: "FAILED", attempts: 2 });
      const messages = await messagesIn(sender);
      expect(messages).toHaveLength(before + 1);
      const report = await readBounce(sender, messages.at(-1)!.blobId);
      expect(report.raw).toContain("Status: 4.4.7");
      expect(report.text).toContain("<full@example.net>: gave up after trying for days; the last attempt said: 452 4.2.2 Mailbox full");
    } finally {
      await smarthost.close();
    }
  });

  it("without a relay keeps messages queued with a clear status, marks them once, and sends them once a relay is there", async () => {
    const user = await newMailUser("norelay");
    const raw = await compose({ from: user.address, to: "later@example.net", subject: "Waiting", text: "No relay yet." });
    const { id } = await queue(user, raw, ["later@example.net"]);

    expect(await runOutboundQueue(db, workerFor(user, undefined))).toMatchObject({ attempted: 0, waitingForRelay: 1 });
    expect(await outboundRow(user, id)).toMatchObject({ state: "QUEUED", attempts: 0, lastError: NO_RELAY_MESSAGE });
    // Runs without a relay do no further work on it.
    expect(await runOutboundQueue(db, workerFor(user, undefined))).toMatchObject({ attempted: 0, waitingForRelay: 0 });
    const { caller } = await callerFor(user.userId);
    expect((await caller.mailOutbox.list())[0]).toMatchObject({ id, state: "QUEUED", lastError: NO_RELAY_MESSAGE, nextAttemptAt: expect.any(Date) });

    const smarthost = await startSmarthost();
    try {
      expect(await runOutboundQueue(db, workerFor(user, smarthost))).toMatchObject({ attempted: 1, sent: 1 });
      expect(smarthost.received).toHaveLength(1);
      expect(await outboundRow(user, id)).toMatchObject({ state: "SENT", lastError: null });
    } finally {
      await smarthost.close();
    }
  });

  it("sends each message once when two workers with their own database pools run the queue at the same time", async () => {
    const user = await newMailUser("race");
    const smarthost = await startSmarthost();
    const second = createDatabase(getConfig().databaseUrl, { maxConnections: 4 });
    try {
      const subjects = Array.from({ length: 8 }, (_, i) => `Race ${i}`);
      for (const subject of subjects) await queue(user, await compose({ from: user.address, to: "race@example.net", subject, text: subject }), ["race@example.net"]);
      const [a, b] = await Promise.all([
        runOutboundQueue(db, workerFor(user, smarthost)),
        runOutboundQueue(second, { ...workerFor(user, smarthost), deliverBounce: (bounce) => deliverBounceToSender(second, bounce) }),
      ]);
      expect(a.attempted + b.attempted).toBe(8);
      expect(a.sent + b.sent).toBe(8);
      const received = smarthost.received.map((m) => /^Subject: (.*)$/m.exec(m.raw.toString("latin1"))![1]);
      expect(received.sort()).toEqual(subjects.sort());
    } finally {
      await smarthost.close();
      await second.$disconnect();
    }
  });

  it("makes the first attempt as soon as the queueing commits, without waiting for the poll", async () => {
    const user = await newMailUser("kick");
    const smarthost = await startSmarthost();
    const runner = await startOutboundRunner(db, workerFor(user, smarthost));
    try {
      await runner.idle();
      const raw = await compose({ from: user.address, to: "soon@example.net", subject: "Right away", text: "Now." });
      await queue(user, raw, ["soon@example.net"]);
      while (smarthost.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(smarthost.received[0]!.recipients).toEqual(["soon@example.net"]);
    } finally {
      await runner.stop();
      await smarthost.close();
    }
  });

  it("removes messages finished a month ago, with their stored bytes, and keeps the rest", async () => {
    const user = await newMailUser("housekeeping");
    const smarthost = await startSmarthost();
    try {
      const ids: string[] = [];
      for (const subject of ["Old", "Recent"]) ids.push((await queue(user, await compose({ from: user.address, to: "x@example.net", subject, text: subject }), ["x@example.net"])).id);
      await runOutboundQueue(db, workerFor(user, smarthost));
      const waiting = (await queue(user, await compose({ from: user.address, to: "y@example.net", subject: "Waiting", text: "." }), ["y@example.net"])).id;
      const old = await inOrganization(user.organizationId, (tx) =>
        tx.outboundMail.update({ where: { id: ids[0]! }, data: { finishedAt: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000) }, select: { blobId: true } }),
      );
      expect(await removeFinishedOutboundMail(db, { organizationIds: [user.organizationId] })).toEqual({ removed: 1 });
      const left = await inOrganization(user.organizationId, (tx) => tx.outboundMail.findMany({ select: { id: true } }));
      expect(left.map((r) => r.id).sort()).toEqual([ids[1]!, waiting].sort());
      expect(await inOrganization(user.organizationId, (tx) => tx.blob.count({ where: { id: old.blobId } }))).toBe(0);
      await expect(readRawMessage(user.organizationId, old.blobId)).rejects.toThrow();
    } finally {
      await smarthost.close();
    }
  });

  it("queues mail the system sends (no sender) whatever the send limit, counting it against nobody's", async () => {
    const owner = await newMailUser("systemmail");
    const { organizationId } = owner;
    await inOrganization(organizationId, (tx) => tx.mailSettings.create({ data: { organizationId, sendLimitPerHour: 2 } }));
    const notice = await compose({ from: `Awan <${owner.address}>`, to: "someone@example.net", subject: "A notice", text: "Something happened." });
    for (let n = 0; n < 3; n++) {
      await inOrganization(organizationId, (tx) => queueOutboundMail(tx, { organizationId, from: owner.address, recipients: ["someone@example.net", "else@example.net"], raw: notice }));
    }
    const rows = await inOrganization(organizationId, (tx) => tx.outboundMail.findMany({ where: { organizationId }, select: { senderId: true } }));
    expect(rows).toEqual([{ senderId: null }, { senderId: null }, { senderId: null }]);
    expect(await inOrganization(organizationId, (tx) => tx.mailSendRecord.count({ where: { organizationId } }))).toBe(0);
    // The person whose address it came from still has their whole limit.
    const { caller } = await callerFor(owner.userId);
    await caller.mail.send({ fromMailboxId: owner.mailboxId, to: ["partner@example.com", "other@example.com"], subject: "Mine", text: "." });
    await expect(caller.mail.send({ fromMailboxId: owner.mailboxId, to: ["partner@example.com"], subject: "One too many", text: "." })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await inOrganization(organizationId, (tx) => tx.outboundMail.updateMany({ where: { state: "QUEUED" }, data: { state: "FAILED" } }));
  });

  describe("refuses, with nothing queued", () => {
    let other: MailUser;
    beforeAll(async () => {
      other = await newMailUser("otherorg");
    });
    const queued = (user: MailUser) => inOrganization(user.organizationId, (tx) => tx.outboundMail.count({ where: { senderId: user.userId } }));

    it("a From on another organization's domain", async () => {
      const before = await queued(sender);
      const raw = await compose({ from: other.address, to: "victim@example.net", subject: "Spoof", text: "Not mine." });
      await expect(queue(sender, raw, ["victim@example.net"], other.address)).rejects.toMatchObject({ code: "FORBIDDEN" });
      // Nor an address nobody holds on one's own domain.
      const nobody = `nobody-${crypto.randomUUID().slice(0, 8)}@${sender.address.split("@")[1]}`;
      const unowned = await compose({ from: nobody, to: "victim@example.net", subject: "Nobody", text: "." });
      await expect(queue(sender, unowned, ["victim@example.net"], nobody)).rejects.toMatchObject({ code: "FORBIDDEN" });
      // Nor a From header of another domain under an envelope of one's own.
      await expect(queue(sender, raw, ["victim@example.net"], sender.address)).rejects.toMatchObject({ code: "INVALID_INPUT" });
      expect(await queued(sender)).toBe(before);
      expect(await inOrganization(other.organizationId, (tx) => tx.outboundMail.count())).toBe(0);
    });

    it("addresses carrying CR or LF (header or command injection) and malformed ones", async () => {
      const before = await queued(sender);
      const raw = await compose({ from: sender.address, to: "x@example.net", subject: "Injected", text: "." });
      for (const recipient of ["x@example.net\r\nBcc: evil@example.org", "x@example.net>\r\nRCPT TO:<evil@example.org", "x y@example.net", "<x@example.net>", "x@", "x@example..net"]) {
        await expect(queue(sender, raw, [recipient])).rejects.toMatchObject({ code: "INVALID_INPUT" });
      }
      await expect(queue(sender, raw, ["x@example.net"], `${sender.address}\r\nX-Injected: yes`)).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await expect(queue(sender, raw, [])).rejects.toMatchObject({ code: "INVALID_INPUT" });
      expect(await queued(sender)).toBe(before);
    });
  });

  afterAll(async () => {
    // Nothing of these tests is left due for another run.
    await inOrganization(sender.organizationId, (tx) => tx.outboundMail.updateMany({ where: { state: "QUEUED" }, data: { state: "FAILED" } }));
  });
});
