import { describe, expect, it } from "vitest";
import { handleMailDraftTransfer } from "./draft-attachment-transfer";
import { readRawMessage } from "./mail-store";
import { inOrganization, messagesIn } from "./testing/mail-fixture";
import { folderOf, newMailColleague, newMailPerson, type MailPerson } from "./testing/webmail-fixture";

async function rawOf(person: MailPerson, messageId: string): Promise<string> {
  const { blobId } = await inOrganization(person.organizationId, (tx) => tx.mailMessage.findUniqueOrThrow({ where: { id: messageId }, select: { blobId: true } }));
  return (await readRawMessage(person.organizationId, blobId)).toString("utf8");
}

function setSendLimit(person: MailPerson, sendLimitPerHour: number) {
  const { organizationId } = person;
  return inOrganization(organizationId, (tx) => tx.mailSettings.upsert({ where: { organizationId }, create: { organizationId, sendLimitPerHour }, update: { sendLimitPerHour } }));
}

/** What a send changes: every message of the sender's and the recipients', the sender's drafts, what was queued, and the recipients counted toward the limit. */
async function sendingStateOf(sender: MailPerson, recipients: MailPerson[]) {
  const { organizationId, userId } = sender;
  return {
    messages: await Promise.all([sender, ...recipients].map((p) => messagesIn(p))),
    drafts: (await folderOf(sender, "DRAFTS")).total,
    queued: await inOrganization(organizationId, (tx) => tx.outboundMail.count({ where: { organizationId } })),
    counted: (await inOrganization(organizationId, (tx) => tx.mailSendRecord.findMany({ where: { organizationId, userId }, select: { recipients: true }, orderBy: { createdAt: "asc" } }))).map((r) => r.recipients),
  };
}

async function inboxOf(person: MailPerson) {
  return (await person.caller.mail.messages({ folderId: (await folderOf(person, "INBOX")).id })).messages;
}

describe("webmail drafts", () => {
  it("keeps one draft per compose, replaced at each save with its files, reopened as written, and discarded", async () => {
    const ann = await newMailPerson("drafts");
    const first = await ann.caller.mail.saveDraft({ fromMailboxId: ann.mailboxId, to: ["bob@example.com"], subject: "Plan", text: "first words" });
    const upload = await handleMailDraftTransfer(
      new Request(`http://localhost/api/mail-drafts/${ann.organizationId}/${first.id}/attachments?name=notes.txt`, {
        method: "POST",
        headers: { "content-type": "text/plain", "content-length": "11" },
        body: "hello notes",
      }),
      ann.sessionId,
    );
    expect(upload.status).toBe(201);
    const second = await ann.caller.mail.saveDraft({
      fromMailboxId: ann.mailboxId,
      draftId: first.id,
      to: ["bob@example.com"],
      cc: ["carol@example.com"],
      bcc: ["dave@example.com"],
      subject: "Plan, v2",
      text: "second words",
      html: "<p><b>second</b> words</p>",
    });
    expect(second.id).not.toBe(first.id);
    const drafts = await folderOf(ann, "DRAFTS");
    expect(drafts.total).toBe(1);
    const listed = (await ann.caller.mail.messages({ folderId: drafts.id })).messages;
    expect(listed).toMatchObject([{ id: second.id, isDraft: true, subject: "Plan, v2" }]);
    await expect(ann.caller.mail.draft({ draftId: first.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await ann.caller.mail.draft({ draftId: second.id })).toMatchObject({
      fromMailboxId: ann.mailboxId,
      to: ["bob@example.com"],
      cc: ["carol@example.com"],
      bcc: ["dave@example.com"],
      subject: "Plan, v2",
      text: "second words",
      html: "<p><b>second</b> words</p>",
      attachments: [{ name: "notes.txt", mediaType: "text/plain", size: 11 }],
    });
    await ann.caller.mail.discardDraft({ draftId: second.id });
    expect((await folderOf(ann, "DRAFTS")).total).toBe(0);
    expect(await inOrganization(ann.organizationId, (tx) => tx.mailDraftAttachment.count({ where: { organizationId: ann.organizationId } }))).toBe(0);
  });
});

describe("webmail sending", () => {
  it("delivers to a colleague's Inbox, keeps a copy in Sent with the Bcc, and threads the reply into one conversation", async () => {
    const ann = await newMailPerson("sender");
    const bob = await newMailColleague(ann);
    const carol = await newMailColleague(ann, "GUEST", "guest");
    const draft = await ann.caller.mail.saveDraft({ fromMailboxId: ann.mailboxId, to: [bob.address], subject: "Lunch?" });
    const sent = await ann.caller.mail.send({ fromMailboxId: ann.mailboxId, draftId: draft.id, to: [bob.address], bcc: [carol.address], subject: "Lunch?", text: "At noon?" });
    expect(sent).toMatchObject({ delivered: 2, queued: 0, notDelivered: [] });
    expect((await folderOf(ann, "DRAFTS")).total).toBe(0);

    const [received] = await inboxOf(bob);
    expect(received).toMatchObject({ subject: "Lunch?", snippet: "At noon?", isRead: false, from: { address: ann.address } });
    expect((await folderOf(bob, "INBOX")).unread).toBe(1);
    expect(await rawOf(bob, received!.id)).not.toMatch(/^bcc:/im);
    expect((await inboxOf(carol)).map((m) => m.subject)).toEqual(["Lunch?"]);
    const sentCopy = (await ann.caller.mail.messages({ folderId: (await folderOf(ann, "SENT")).id })).messages;
    expect(sentCopy).toMatchObject([{ id: sent.id, isRead: true, to: [{ address: bob.address }] }]);
    expect(await rawOf(ann, sent.id)).toMatch(new RegExp(`^bcc:\\s+${carol.address.replace(/[.]/g, "\\.")}`, "im"));

    // Bob answers; Ann's copy of the answer joins her conversation.
    await bob.caller.mail.send({ fromMailboxId: bob.mailboxId, to: [ann.address], subject: "Re: Lunch?", text: "Yes!", inReplyToId: received!.id });
    const [reply] = await inboxOf(ann);
    expect(reply).toMatchObject({ subject: "Re: Lunch?", from: { address: bob.address } });
    const replyRaw = await rawOf(ann, reply!.id);
    const originalId = /^message-id:\s+(\S+)/im.exec(await rawOf(ann, sent.id))![1]!;
    expect(replyRaw).toMatch(new RegExp(`^in-reply-to:\\s+${originalId.replace(/[.$]/g, "\\$&")}`, "im"));
    expect(reply!.threadId).toBe(sentCopy[0]!.threadId);
    const conversation = await ann.caller.mail.conversation({ messageId: reply!.id });
    expect(conversation.messages.map((m) => m.subject)).toEqual(["Lunch?", "Re: Lunch?"]);
  });

  it("delivers to another organization on this install, queues outside addresses and refuses unknown local ones", async () => {
    const ann = await newMailPerson("org-a");
    const zoe = await newMailPerson("org-b");
    const sent = await ann.caller.mail.send({ fromMailboxId: ann.mailboxId, to: [zoe.address, "friend@outside.example"], subject: "Across", text: "Hello over there" });
    expect(sent).toMatchObject({ delivered: 1, queued: 1 });
    expect((await inboxOf(zoe)).map((m) => [m.subject, m.from?.address])).toEqual([["Across", ann.address]]);
    const queued = await inOrganization(ann.organizationId, (tx) => tx.outboundMail.findMany({ where: { organizationId: ann.organizationId }, select: { senderId: true, state: true } }));
    expect(queued).toEqual([{ senderId: ann.userId, state: "QUEUED" }]);

    const before = await messagesIn(ann);
    const nobody = `nobody-here@${ann.address.split("@")[1]}`;
    await expect(ann.caller.mail.send({ fromMailboxId: ann.mailboxId, to: [nobody], subject: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(nobody) });
    expect(await messagesIn(ann)).toHaveLength(before.length);
  });

  it("refuses header injection through subject or address, changing nothing", async () => {
    const ann = await newMailPerson("inject");
    const bob = await newMailColleague(ann);
    const attempts = [
      { to: [bob.address], subject: "Hi\r\nBcc: victim@outside.example" },
      { to: [bob.address], subject: "Hi\nX-Evil: 1" },
      { to: [`${bob.address}\r\nBcc: victim@outside.example`], subject: "Hi" },
      { to: [`Bob <${bob.address}>`], subject: "Hi" },
      { to: [bob.address], cc: ["a@b.example,c@d.example"], subject: "Hi" },
    ];
    for (const attempt of attempts) {
      await expect(ann.caller.mail.send({ fromMailboxId: ann.mailboxId, text: "x", ...attempt })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(ann.caller.mail.saveDraft({ fromMailboxId: ann.mailboxId, text: "x", ...attempt })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await messagesIn(ann)).toEqual([]);
    expect(await messagesIn(bob)).toEqual([]);
    // What the library encodes stays inside its header: a name with a line break cannot start another one.
    await inOrganization(ann.organizationId, (tx) => tx.mailbox.update({ where: { id: ann.mailboxId }, data: { displayName: "Ann\r\nBcc: victim@outside.example" } }));
    const sent = await ann.caller.mail.send({ fromMailboxId: ann.mailboxId, to: [bob.address], subject: "Ünïcödé subject", text: "x" });
    const raw = await rawOf(ann, sent.id);
    expect(raw).not.toMatch(/^bcc: victim/im);
    expect(await inOrganization(ann.organizationId, (tx) => tx.outboundMail.count({ where: { organizationId: ann.organizationId } }))).toBe(0);
  });

  it("sends from a shared mailbox its members read, whose answers come back to it; others cannot send from it", async () => {
    const ann = await newMailPerson("shared");
    const bob = await newMailColleague(ann);
    const carol = await newMailColleague(ann, "MEMBER", "carol");
    const [domain] = await ann.caller.mailAdmin.domains();
    const support = await ann.caller.mailAdmin.createSharedMailbox({ displayName: "Support desk", localPart: "support", domainId: domain!.id, memberIds: [bob.userId] });
    const supportBox = (await bob.caller.mail.folders()).find((m) => m.kind === "SHARED")!;
    expect(supportBox).toMatchObject({ id: support.id, displayName: "Support desk", address: `support@${domain!.name}` });

    await bob.caller.mail.send({ fromMailboxId: support.id, to: [carol.address], subject: "Your ticket", text: "Fixed." });
    const [received] = await inboxOf(carol);
    expect(received).toMatchObject({ subject: "Your ticket", from: { name: "Support desk", address: supportBox.address } });
    await expect(carol.caller.mail.send({ fromMailboxId: support.id, to: [bob.address], subject: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await carol.caller.mail.send({ fromMailboxId: carol.mailboxId, to: [supportBox.address!], subject: "Re: Your ticket", text: "Thanks", inReplyToId: received!.id });
    const supportInbox = supportBox.folders.find((f) => f.role === "INBOX")!;
    const [answer] = (await bob.caller.mail.messages({ folderId: supportInbox.id })).messages;
    expect(answer).toMatchObject({ subject: "Re: Your ticket", mailboxId: support.id });
    expect((await bob.caller.mail.conversation({ messageId: answer!.id })).messages.map((m) => m.subject)).toEqual(["Your ticket", "Re: Your ticket"]);
    await expect(carol.caller.mail.messages({ folderId: supportInbox.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("holds a person to one hourly limit counted per recipient, on this install and outside alike; a refused send changes nothing", async () => {
    const ann = await newMailPerson("limit");
    const bob = await newMailColleague(ann);
    const carol = await newMailColleague(ann, "MEMBER", "carol");
    await setSendLimit(ann, 4);
    const send = (subject: string, to: string[]) => ann.caller.mail.send({ fromMailboxId: ann.mailboxId, to, subject });
    expect(await send("first", [bob.address, "friend@outside.example"])).toMatchObject({ delivered: 1, queued: 1 });
    // Backdated so that the wait the refusal names is known: the first two places free up in 15 minutes.
    await inOrganization(ann.organizationId, (tx) => tx.mailSendRecord.updateMany({ where: { userId: ann.userId }, data: { createdAt: new Date(Date.now() - 45 * 60_000) } }));

    // Two colleagues and an outside Bcc make 5 of 4: refused, and the draft, mailboxes and queue are as they were.
    const written = { fromMailboxId: ann.mailboxId, to: [bob.address, carol.address], bcc: ["auditor@outside.example"], subject: "second" };
    const draft = await ann.caller.mail.saveDraft(written);
    const before = await sendingStateOf(ann, [bob, carol]);
    await expect(ann.caller.mail.send({ ...written, draftId: draft.id })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/sent to 2 recipients in the last hour; with this message's 3 that is more than the 4 .* Try again in 1[45] minutes\./),
    });
    expect(await sendingStateOf(ann, [bob, carol])).toEqual(before);
    expect(before.drafts).toBe(1);

    // Two more fit exactly; then even one is refused.
    expect(await send("third", [carol.address, "friend@outside.example"])).toMatchObject({ delivered: 1, queued: 1 });
    await expect(send("fourth", [bob.address])).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(send("to many", [bob.address, carol.address, "a@outside.example", "b@outside.example", "c@outside.example"])).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringContaining("Send it to fewer people at a time"),
    });
    expect((await inboxOf(bob)).map((m) => m.subject)).toEqual(["first"]);
    expect((await inboxOf(carol)).map((m) => m.subject)).toEqual(["third"]);

    // What was sent over an hour ago counts no more, and is cleared away.
    await inOrganization(ann.organizationId, (tx) => tx.mailSendRecord.updateMany({ where: { userId: ann.userId }, data: { createdAt: new Date(Date.now() - 61 * 60_000) } }));
    await send("fourth", [bob.address]);
    expect((await sendingStateOf(ann, [])).counted).toEqual([1]);
  });

  it("counts a shared mailbox's sends for the member who sent them, not for every member", async () => {
    const ann = await newMailPerson("limit-shared");
    const bob = await newMailColleague(ann);
    const carol = await newMailColleague(ann, "MEMBER", "carol");
    const [domain] = await ann.caller.mailAdmin.domains();
    const desk = await ann.caller.mailAdmin.createSharedMailbox({ displayName: "Help desk", localPart: "help", domainId: domain!.id, memberIds: [ann.userId, bob.userId] });
    await setSendLimit(ann, 2);
    await ann.caller.mail.send({ fromMailboxId: desk.id, to: [carol.address], subject: "desk 1" });
    await ann.caller.mail.send({ fromMailboxId: desk.id, to: ["customer@outside.example"], subject: "desk 2" });
    await expect(ann.caller.mail.send({ fromMailboxId: ann.mailboxId, to: [carol.address], subject: "mine" })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // Bob reads the same mailbox, whose Sent holds two messages; they were Ann's, not his.
    await bob.caller.mail.send({ fromMailboxId: desk.id, to: [carol.address, "customer@outside.example"], subject: "desk 3" });
    expect((await inboxOf(carol)).map((m) => m.subject)).toEqual(["desk 3", "desk 1"]);
  });
});
