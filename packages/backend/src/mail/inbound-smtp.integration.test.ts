import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../testing/fixtures";
import { startInboundSmtp, type InboundSmtp } from "./inbound-smtp";
import { readRawMessage } from "./mail-store";
import { inOrganization, messagesIn, newColleague, newMailUser, type MailUser } from "./testing/mail-fixture";
import { fakeDns, swaks } from "./testing/smtp-peers";

let smtp: InboundSmtp;

beforeAll(async () => {
  const resolver = fakeDns({ "_dmarc.spoofed.example": "v=DMARC1; p=reject", "spoofed.example": "v=spf1 -all" });
  smtp = (await startInboundSmtp({ port: 0, host: "127.0.0.1", resolver }))!;
});
afterAll(() => smtp.close());

const send = (to: string[], extra: string[] = []) => swaks(smtp.port, ["--to", to.join(","), "--from", "sender@example.org", ...extra]);

/** An SMTP session over a raw socket: the greeting, then one command at a time with its whole reply. */
async function smtpSession() {
  const socket = net.connect(smtp.port, "127.0.0.1");
  let buffer = "";
  let waiting: ((reply: string) => void) | null = null;
  const take = () => {
    // A reply ends with a line "NNN text" (a space after the code, not a dash).
    const match = /(?:^|\r\n)\d{3} [^\r\n]*\r\n/.exec(buffer);
    if (!match || !waiting) return;
    const end = match.index + match[0].length;
    const reply = buffer.slice(0, end).trim();
    buffer = buffer.slice(end);
    const resolve = waiting;
    waiting = null;
    resolve(reply);
  };
  socket.on("data", (d: Buffer) => {
    buffer += d.toString();
    take();
  });
  const nextReply = () =>
    new Promise<string>((resolve) => {
      waiting = resolve;
      take();
    });
  const greeting = await nextReply();
  return {
    greeting,
    socket,
    command: (line: string) => {
      socket.write(`${line}\r\n`);
      return nextReply();
    },
  };
}

/** Sends each line after the previous reply; returns the greeting and every reply. */
async function converse(lines: string[]): Promise<string[]> {
  const session = await smtpSession();
  const replies = [session.greeting];
  for (const line of lines) replies.push(await session.command(line));
  session.socket.end();
  return replies;
}

describe("inbound SMTP", () => {
  let alice: MailUser;
  let bob: MailUser;

  beforeAll(async () => {
    alice = await newMailUser("smtpalice");
    bob = await newColleague(alice, "smtpbob");
  });

  it("advertises PIPELINING, 8BITMIME and SIZE, and neither AUTH nor STARTTLS without a certificate", async () => {
    const [, ehlo] = await converse(["EHLO client.example.org", "QUIT"]);
    expect(ehlo).toMatch(/250[- ]PIPELINING/);
    expect(ehlo).toMatch(/250[- ]8BITMIME/);
    expect(ehlo).toMatch(/250[- ]SIZE \d+/);
    expect(ehlo).not.toMatch(/AUTH|STARTTLS/);
  });

  it("accepts mail for a local user and stores it in the Inbox with a readable summary and verdicts", async () => {
    const result = await send([alice.address], ["--header", "Subject: Hello through swaks", "--body", "The body says hello."]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/<- {1,2}250 2\.6\.0 Message accepted/);
    const [message] = await messagesIn(alice);
    expect(message).toMatchObject({ folderRole: "INBOX", summary: { subject: "Hello through swaks", from: { address: "sender@example.org" } } });
    expect(message!.summary.snippet).toContain("The body says hello.");
    expect(message!.authResults).toMatchObject({ spf: { result: expect.any(String) }, dmarc: { result: expect.any(String) } });
    const raw = (await readRawMessage(alice.organizationId, message!.blobId)).toString();
    expect(raw).toMatch(/^Return-Path: <sender@example\.org>\r\nReceived: from client\.example\.org /);
    expect(raw).toContain("The body says hello.");
  });

  it("refuses mail for a domain not on this install (no open relay)", async () => {
    const result = await send(["someone@example.com"]);
    expect(result.code).toBe(24);
    expect(result.output).toMatch(/<\*\* 550 5\.7\.1 Relaying denied/);
  });

  it("refuses an unknown local user at RCPT", async () => {
    const domain = alice.address.split("@")[1]!;
    const result = await send([`nobody-here@${domain}`]);
    expect(result.code).toBe(24);
    expect(result.output).toMatch(/<\*\* 550 5\.1\.1 No such user here/);
  });

  it("reaches a member who never opened Mail: their mailbox is made at RCPT", async () => {
    const { email } = await addMember(alice.organizationId, alice.userId, "MEMBER", "latecomer");
    const domain = alice.address.split("@")[1]!;
    const local = email.split("@")[0]!.toLowerCase();
    const result = await send([`${local}@${domain}`], ["--header", "Subject: Welcome"]);
    expect(result.code, result.output).toBe(0);
  });

  it("refuses a message larger than the organization allows with 552", async () => {
    const owner = await newMailUser("smtpsize");
    await inOrganization(owner.organizationId, (tx) => tx.mailSettings.create({ data: { organizationId: owner.organizationId, maxMessageBytes: 64 * 1024 } }));
    const result = await send([owner.address], ["--body", "x".repeat(100 * 1024)]);
    expect(result.code).toBe(26);
    expect(result.output).toMatch(/<\*\* 552 5\.3\.4 Message too big/);
    // Declared up front, it is refused at RCPT.
    const replies = await converse(["EHLO client.example.org", "MAIL FROM:<sender@example.org> SIZE=200000", `RCPT TO:<${owner.address}>`, "QUIT"]);
    expect(replies[3]).toMatch(/^552 5\.3\.4/);
    expect(await messagesIn(owner)).toEqual([]);
  });

  it("answers 452 while messages being received would hold more memory than the server allows, and gives it back after each", async () => {
    const owner = await newMailUser("smtpbudget");
    const small = (await startInboundSmtp({ port: 0, host: "127.0.0.1", resolver: fakeDns(), memoryBudgetBytes: 32 * 1024 }))!;
    try {
      const viaSmall = (subject: string, bytes: number) =>
        swaks(small.port, ["--to", owner.address, "--from", "sender@example.org", "--header", `Subject: ${subject}`, "--body", "y".repeat(bytes)]);
      const big = await viaSmall("Too much at once", 48 * 1024);
      expect(big.code).toBe(26);
      expect(big.output).toMatch(/<\*\* 452 4\.3\.1 Insufficient system resources/);
      // Nothing stayed held: messages that fit go through, one after another, more than the budget in all.
      for (let n = 0; n < 3; n++) expect((await viaSmall(`Fits ${n}`, 20 * 1024)).code).toBe(0);
    } finally {
      await small.close();
    }
    expect((await messagesIn(owner)).map((m) => m.summary.subject).sort()).toEqual(["Fits 0", "Fits 1", "Fits 2"]);
  });

  it("answers 452 when the mailbox is full, and 552 for a message larger than the whole quota", async () => {
    const owner = await newMailUser("smtpquota");
    await inOrganization(owner.organizationId, async (tx) => {
      await tx.mailSettings.create({ data: { organizationId: owner.organizationId, mailboxQuotaBytes: 1024 * 1024 } });
      await tx.mailbox.update({ where: { id: owner.mailboxId }, data: { usedBytes: 1024 * 1024 } });
    });
    const result = await send([owner.address]);
    expect(result.code).toBe(24);
    expect(result.output).toMatch(/<\*\* 452 4\.2\.2 Mailbox full/);

    await inOrganization(owner.organizationId, (tx) => tx.mailbox.update({ where: { id: owner.mailboxId }, data: { usedBytes: 0 } }));
    const replies = await converse(["EHLO client.example.org", `MAIL FROM:<sender@example.org> SIZE=${2 * 1024 * 1024}`, `RCPT TO:<${owner.address}>`, "QUIT"]);
    expect(replies[3]).toMatch(/^552 5\.2\.2/);
    // Room again: delivered.
    expect((await send([owner.address])).code).toBe(0);
  });

  it("files a message failing DMARC with p=reject as Spam", async () => {
    const result = await send([alice.address], ["--header", "From: The CEO <ceo@spoofed.example>", "--header", "Subject: Urgent wire transfer"]);
    expect(result.code, result.output).toBe(0);
    const spoofed = (await messagesIn(alice)).find((m) => m.summary.subject === "Urgent wire transfer");
    expect(spoofed).toMatchObject({ folderRole: "SPAM", authResults: { dmarc: { result: "fail", policy: "reject" } } });
  });

  it("stores broken MIME as received", async () => {
    // A boundary that never comes, an unknown charset, base64 that is not, an unfinished encoded word, a NUL and bare CRs.
    const file = path.join(os.tmpdir(), `broken-mime-${crypto.randomUUID()}.eml`);
    fs.writeFileSync(
      file,
      "From: =?utf-8?B?broken\r\nSubject: =?x-unknown?Q?=FF=FE?=\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n" +
        "--nowhere\r\nContent-Type: text/plain; charset=bogus-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@not base64@@@\0\r\r\n",
    );
    const result = await send([bob.address], ["--data", file]);
    fs.rmSync(file);
    expect(result.code, result.output).toBe(0);
    const [message] = await messagesIn(bob);
    expect((await readRawMessage(bob.organizationId, message!.blobId)).toString()).toContain("@@@not base64@@@");
  });

  it("goes on after a client hangs up in the middle of a message, storing nothing of it", async () => {
    const owner = await newMailUser("smtphangup");
    const session = await smtpSession();
    for (const line of ["EHLO client.example.org", "MAIL FROM:<sender@example.org>", `RCPT TO:<${owner.address}>`]) expect(await session.command(line)).toMatch(/^250/);
    expect(await session.command("DATA")).toMatch(/^354/);
    session.socket.write("Subject: Cut short\r\n\r\nThe first half of a message");
    session.socket.destroy();
    const after = await send([owner.address], ["--header", "Subject: After the hang-up"]);
    expect(after.code, after.output).toBe(0);
    expect((await messagesIn(owner)).map((m) => m.summary.subject)).toEqual(["After the hang-up"]);
  });

  it("delivers each organization's copy into its own organization only", async () => {
    const other = await newMailUser("smtpother");
    const result = await send([alice.address, other.address], ["--header", "Subject: To two organizations"]);
    expect(result.code, result.output).toBe(0);
    const inAlice = (await messagesIn(alice)).filter((m) => m.summary.subject === "To two organizations");
    const inOther = (await messagesIn(other)).filter((m) => m.summary.subject === "To two organizations");
    expect(inAlice).toHaveLength(1);
    expect(inOther).toHaveLength(1);
    // A's copy is nowhere in B's organization, and B's scope cannot read A's bytes.
    const seen = await inOrganization(other.organizationId, (tx) => tx.mailMessage.findMany({ where: { id: inAlice[0]!.id }, select: { id: true } }));
    expect(seen).toEqual([]);
    await expect(readRawMessage(other.organizationId, inAlice[0]!.blobId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A's local part at B's domain is B's business: it never reaches A.
    const before = (await messagesIn(alice)).length;
    await send([`${alice.address.split("@")[0]}@${other.address.split("@")[1]}`], ["--header", "Subject: Wrong domain"]);
    expect(await messagesIn(alice)).toHaveLength(before);
  });

  it("threads a reply into the conversation of the message it answers", async () => {
    const first = await send([bob.address], ["--header", "Subject: Plan", "--header", "Message-Id: <plan-1@example.org>"]);
    const reply = await send([bob.address], ["--header", "Subject: Re: Plan", "--header", "In-Reply-To: <plan-1@example.org>", "--header", "References: <plan-1@example.org>"]);
    expect([first.code, reply.code]).toEqual([0, 0]);
    const messages = await messagesIn(bob);
    const plan = messages.find((m) => m.summary.subject === "Plan")!;
    const answer = messages.find((m) => m.summary.subject === "Re: Plan")!;
    expect(answer.threadId).toBe(plan.threadId);
  });
});
