import { describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { deliverLocally } from "./local-delivery";
import { lookupRecipient } from "./recipients";
import { inOrganization, messagesIn, newColleague, newMailUser, rfc822 } from "./testing/mail-fixture";

describe("local delivery", () => {
  it("gives each recipient a copy in their own organization, and says what became of each address", async () => {
    const ana = await newMailUser("deliverana");
    const ben = await newColleague(ana, "deliverben");
    const outsider = await newMailUser("deliverout");
    const domain = ana.address.split("@")[1]!;
    const raw = rfc822({ to: `${ana.address}, ${ben.address}, ${outsider.address}`, subject: "Team news", body: "Hello all" });
    const outcomes = await deliverLocally(getDatabase(), raw, [ana.address, `nobody@${domain}`, ben.address.toUpperCase(), outsider.address, "x@not-here.example"]);
    expect(outcomes.map((o) => (o.delivered ? "delivered" : o.reason))).toEqual(["delivered", "UNKNOWN_RECIPIENT", "delivered", "delivered", "UNKNOWN_RECIPIENT"]);
    expect(outcomes[3]).toMatchObject({ organizationId: outsider.organizationId, mailboxId: outsider.mailboxId });
    for (const user of [ana, ben, outsider]) {
      const mine = await messagesIn(user);
      expect(mine.map((m) => [m.folderRole, m.summary.subject])).toEqual([["INBOX", "Team news"]]);
    }
    // Copies in one organization share chunks, not blobs: deleting one never takes another's bytes.
    const blobs = new Set([...(await messagesIn(ana)), ...(await messagesIn(ben))].map((m) => m.blobId));
    expect(blobs.size).toBe(2);
  });

  it("delivers once to a mailbox named twice (an alias and its primary address)", async () => {
    const ana = await newMailUser("deliveralias");
    const alias = `sales-${ana.mailboxId.slice(0, 6)}@${ana.address.split("@")[1]}`;
    await inOrganization(ana.organizationId, async (tx) => {
      const primary = await tx.mailAddress.findFirstOrThrow({ where: { mailboxId: ana.mailboxId, isPrimary: true }, select: { domainId: true } });
      await tx.mailAddress.create({ data: { organizationId: ana.organizationId, address: alias, domainId: primary.domainId, mailboxId: ana.mailboxId } });
    });
    expect(await lookupRecipient(getDatabase(), alias)).toMatchObject({ status: "FOUND", recipient: { mailboxId: ana.mailboxId } });
    const outcomes = await deliverLocally(getDatabase(), rfc822({ to: alias, subject: "Twice named", body: "once stored" }), [alias, ana.address]);
    expect(outcomes.every((o) => o.delivered)).toBe(true);
    expect(outcomes[0]).toMatchObject({ messageId: (outcomes[1] as { messageId: string }).messageId });
    expect(await messagesIn(ana)).toHaveLength(1);
  });

  it("threads messages that arrive together, a reply even ahead of what it answers, and each in its own mailbox", async () => {
    const ana = await newMailUser("deliverwave");
    const ben = await newColleague(ana, "deliverwaveb");
    const root = `<wave-${ana.mailboxId}@example.org>`;
    const reply = `<wave-reply-${ana.mailboxId}@example.org>`;
    const wave = [
      rfc822({ to: ana.address, subject: "Re: Re: Plan", body: "third", inReplyTo: reply, references: [root, reply] }), // ahead of both
      rfc822({ to: `${ana.address}, ${ben.address}`, subject: "Plan", body: "first", messageId: root }),
      rfc822({ to: ana.address, subject: "Re: Plan", body: "second", messageId: reply, inReplyTo: root }),
      ...Array.from({ length: 9 }, (_, n) => rfc822({ to: ana.address, subject: `Other ${n}`, body: "unrelated" })),
    ];
    // Sent at once, they are written in a few batches: the group commit sees them together.
    const outcomes = await Promise.all(wave.map((raw, n) => deliverLocally(getDatabase(), raw, n === 1 ? [ana.address, ben.address] : [ana.address])));
    expect(outcomes.flat().every((o) => o.delivered)).toBe(true);
    const mine = await messagesIn(ana);
    expect(mine).toHaveLength(12);
    const threadOf = (subject: string) => mine.find((m) => m.summary.subject === subject)!.threadId;
    expect(new Set([threadOf("Plan"), threadOf("Re: Plan"), threadOf("Re: Re: Plan")]).size).toBe(1);
    expect(new Set(mine.map((m) => m.threadId)).size).toBe(10);
    const [bens] = await messagesIn(ben);
    expect(bens!.threadId).not.toBe(threadOf("Plan")); // a thread belongs to its mailbox
  });

  it("holds the quota under concurrent delivery", async () => {
    const ana = await newMailUser("deliverquota");
    const raw = (n: number) => rfc822({ to: ana.address, subject: `Concurrent ${String(n).padStart(2, "0")}`, body: "z".repeat(900) });
    const size = raw(0).length;
    const fits = 5;
    await inOrganization(ana.organizationId, (tx) => tx.mailSettings.create({ data: { organizationId: ana.organizationId, mailboxQuotaBytes: BigInt(size * fits + Math.floor(size / 2)) } }));
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, n) => deliverLocally(getDatabase(), raw(n), [ana.address])));
    const reasons = outcomes.map(([o]) => (o!.delivered ? "delivered" : o!.reason));
    expect(reasons.filter((r) => r === "delivered")).toHaveLength(fits);
    expect(reasons.filter((r) => r === "QUOTA_EXCEEDED")).toHaveLength(12 - fits);
    const { usedBytes } = await inOrganization(ana.organizationId, (tx) => tx.mailbox.findUniqueOrThrow({ where: { id: ana.mailboxId }, select: { usedBytes: true } }));
    expect(usedBytes).toBe(BigInt(size * fits));
    expect(await messagesIn(ana)).toHaveLength(fits);
    // Refused copies left no blob behind.
    const blobs = await inOrganization(ana.organizationId, (tx) => tx.blob.count({ where: { organizationId: ana.organizationId, mailMessage: null, version: null } }));
    expect(blobs).toBe(0);
  });

  it("refuses a message larger than the recipient's organization allows", async () => {
    const ana = await newMailUser("deliverlarge");
    await inOrganization(ana.organizationId, (tx) => tx.mailSettings.create({ data: { organizationId: ana.organizationId, maxMessageBytes: 64 * 1024 } }));
    const [outcome] = await deliverLocally(getDatabase(), rfc822({ to: ana.address, subject: "Big", body: "b".repeat(70 * 1024) }), [ana.address]);
    expect(outcome).toMatchObject({ delivered: false, reason: "TOO_LARGE" });
    expect(await messagesIn(ana)).toEqual([]);
  });
});
