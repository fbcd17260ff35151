import { describe, expect, it } from "vitest";
import { withAfterCommit } from "../after-commit";
import { getDatabase } from "../db";
import { DomainError } from "../errors";
import { getEventBus } from "../events/event-bus";
import { getStorageEngine } from "../storage";
import { mailMessageStored } from "./mail-events";
import { mailQueryTokens } from "./mail-search-index";
import { deleteMailMessage, readRawMessage, storeMailMessage } from "./mail-store";
import { openSummary } from "./mail-summary";
import { inOrganization, messagesIn, newMailUser, rfc822 } from "./testing/mail-fixture";

describe("mail store", () => {
  it("stores the raw bytes, a sealed summary, search tokens and the used bytes", async () => {
    const user = await newMailUser("store");
    const raw = rfc822({ to: user.address, subject: "Quarterly figures", body: "The deployment of the ledger went well." });
    const stored = await inOrganization(user.organizationId, (tx) =>
      storeMailMessage(tx, { organizationId: user.organizationId, mailboxId: user.mailboxId, folder: "INBOX", raw }),
    );
    const [message] = await messagesIn(user);
    expect(message!.id).toBe(stored.id);
    expect(message!.folderRole).toBe("INBOX");
    expect(message!.summary.subject).toBe("Quarterly figures");
    expect(message!.summary.from).toEqual({ name: "Sender Person", address: "sender@example.org" });
    expect(message!.summary.snippet).toContain("ledger went well");
    expect(await readRawMessage(user.organizationId, message!.blobId)).toEqual(raw);

    const { usedBytes } = await inOrganization(user.organizationId, (tx) => tx.mailbox.findUniqueOrThrow({ where: { id: user.mailboxId }, select: { usedBytes: true } }));
    expect(usedBytes).toBe(BigInt(raw.length));

    // Search by a sender word, a subject word and a body prefix, all at once.
    const found = await inOrganization(user.organizationId, async (tx) => {
      const keys = await getStorageEngine().organizationKeys(tx, user.organizationId);
      const tokens = mailQueryTokens(keys, "sender quarterly deplo");
      const hits = await Promise.all(tokens.map((token) => tx.mailSearchIndex.findMany({ where: { tokens: { has: token } }, select: { messageId: true } })));
      return hits.map((rows) => rows.map((r) => r.messageId));
    });
    for (const ids of found) expect(ids).toEqual([stored.id]);
  });

  it("threads a reply with the message it answers, and a new subject apart", async () => {
    const user = await newMailUser("thread");
    const store = (raw: Buffer) => inOrganization(user.organizationId, (tx) => storeMailMessage(tx, { organizationId: user.organizationId, mailboxId: user.mailboxId, folder: "INBOX", raw }));
    const first = await store(rfc822({ to: user.address, subject: "Lunch", body: "Noon?", messageId: "<lunch-1@example.org>" }));
    const reply = await store(rfc822({ to: user.address, subject: "Re: Lunch", body: "Yes", inReplyTo: "<LUNCH-1@example.org>", references: ["<lunch-1@example.org>"] }));
    const other = await store(rfc822({ to: user.address, subject: "Lunch", body: "Another lunch" }));
    expect(reply.threadId).toBe(first.threadId);
    expect(other.threadId).not.toBe(first.threadId);

    // An answer that arrives before the message it answers: the message joins the answer's thread.
    const early = await store(rfc822({ to: user.address, subject: "Re: Dinner", body: "Count me in", inReplyTo: "<dinner-1@example.org>" }));
    const late = await store(rfc822({ to: user.address, subject: "Dinner", body: "Friday?", messageId: "<dinner-1@example.org>" }));
    expect(late.threadId).toBe(early.threadId);
    expect(early.threadId).not.toBe(first.threadId);
  });

  it("refuses a message past the quota with QUOTA_EXCEEDED, storing nothing", async () => {
    const user = await newMailUser("quota");
    await inOrganization(user.organizationId, (tx) => tx.mailSettings.create({ data: { organizationId: user.organizationId, mailboxQuotaBytes: 2_000n } }));
    const store = (body: string) =>
      inOrganization(user.organizationId, (tx) =>
        storeMailMessage(tx, { organizationId: user.organizationId, mailboxId: user.mailboxId, folder: "INBOX", raw: rfc822({ to: user.address, subject: "Fill", body }) }),
      );
    await store("x".repeat(1_200));
    await expect(store("y".repeat(1_200))).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    expect(await messagesIn(user)).toHaveLength(1);
  });

  it("refuses a folder of another mailbox", async () => {
    const user = await newMailUser("folder");
    const other = await newMailUser("folderother");
    const foreignFolder = await inOrganization(other.organizationId, (tx) => tx.mailFolder.findFirstOrThrow({ where: { mailboxId: other.mailboxId, role: "INBOX" }, select: { id: true } }));
    const attempt = inOrganization(user.organizationId, (tx) =>
      storeMailMessage(tx, { organizationId: user.organizationId, mailboxId: user.mailboxId, folder: { id: foreignFolder.id }, raw: rfc822({ to: user.address, subject: "x", body: "x" }) }),
    );
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    expect(await messagesIn(user)).toHaveLength(0);
  });

  it("publishes a mail event after the commit", async () => {
    const user = await newMailUser("events");
    const stream = await getEventBus().stream(user.organizationId, mailMessageStored);
    const stored = await inOrganization(user.organizationId, (tx) =>
      storeMailMessage(tx, { organizationId: user.organizationId, mailboxId: user.mailboxId, folder: "INBOX", raw: rfc822({ to: user.address, subject: "Live", body: "now" }) }),
    );
    for await (const item of stream) {
      expect(item).toMatchObject({ type: "event", data: { mailboxId: user.mailboxId, messageId: stored.id, folderId: stored.folderId } });
      break;
    }
  });

  it("deletes a message for good: row, tokens, used bytes and stored bytes", async () => {
    const user = await newMailUser("delete");
    const stored = await inOrganization(user.organizationId, (tx) =>
      storeMailMessage(tx, { organizationId: user.organizationId, mailboxId: user.mailboxId, folder: "TRASH", raw: rfc822({ to: user.address, subject: "Gone", body: "soon" }) }),
    );
    const blobId = (await messagesIn(user))[0]!.blobId;
    await withAfterCommit(getDatabase(), { organizationId: user.organizationId }, (tx, afterCommit) => deleteMailMessage(tx, user.organizationId, stored.id, afterCommit));
    const after = await inOrganization(user.organizationId, async (tx) => ({
      messages: await tx.mailMessage.count({ where: { mailboxId: user.mailboxId } }),
      tokens: await tx.mailSearchIndex.count({ where: { messageId: stored.id } }),
      blob: await tx.blob.count({ where: { id: blobId } }),
      used: (await tx.mailbox.findUniqueOrThrow({ where: { id: user.mailboxId }, select: { usedBytes: true } })).usedBytes,
    }));
    expect(after).toEqual({ messages: 0, tokens: 0, blob: 0, used: 0n });
    await expect(
      withAfterCommit(getDatabase(), { organizationId: user.organizationId }, (tx, afterCommit) => deleteMailMessage(tx, user.organizationId, stored.id, afterCommit)),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps a stored message out of another organization's reach", async () => {
    const a = await newMailUser("isoa");
    const b = await newMailUser("isob");
    const stored = await inOrganization(a.organizationId, (tx) =>
      storeMailMessage(tx, { organizationId: a.organizationId, mailboxId: a.mailboxId, folder: "INBOX", raw: rfc822({ to: a.address, subject: "Private", body: "for A" }) }),
    );
    const blobId = (await messagesIn(a))[0]!.blobId;
    const seenByB = await inOrganization(b.organizationId, (tx) => tx.mailMessage.findMany({ where: { id: stored.id }, select: { id: true, summary: true } }));
    expect(seenByB).toEqual([]);
    await expect(readRawMessage(b.organizationId, blobId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A's sealed summary does not open under B's key either.
    const sealed = await inOrganization(a.organizationId, (tx) => tx.mailMessage.findUniqueOrThrow({ where: { id: stored.id }, select: { summary: true } }));
    const bKeys = await inOrganization(b.organizationId, (tx) => getStorageEngine().organizationKeys(tx, b.organizationId));
    await expect(openSummary(bKeys.dataKey, a.organizationId, stored.id, sealed.summary)).rejects.toMatchObject({ code: "INTEGRITY" });
    // And B storing into A's mailbox from its own scope fails.
    await expect(
      inOrganization(b.organizationId, (tx) =>
        storeMailMessage(tx, { organizationId: b.organizationId, mailboxId: a.mailboxId, folder: "INBOX", raw: rfc822({ to: a.address, subject: "x", body: "x" }) }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
