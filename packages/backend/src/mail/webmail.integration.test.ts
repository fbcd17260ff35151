import { describe, expect, it } from "vitest";
import { inOrganization } from "./testing/mail-fixture";
import { folderOf, newMailColleague, newMailPerson, seedMail, type MailPerson } from "./testing/webmail-fixture";

/** Every message of a person's mailbox: folder and flags, to compare before and after a refused call. */
function stateOf(person: MailPerson) {
  return inOrganization(person.organizationId, (tx) =>
    tx.mailMessage.findMany({ where: { mailboxId: person.mailboxId }, select: { id: true, folderId: true, isRead: true, isStarred: true }, orderBy: { seq: "asc" } }),
  );
}

describe("webmail folders and lists", () => {
  it("lists folders in order with unread and total counts, and manages user folders", async () => {
    const ann = await newMailPerson("folders");
    await seedMail(ann, "INBOX", [{ subject: "one" }, { subject: "two", isRead: true }, { subject: "three" }]);
    await seedMail(ann, "SPAM", [{ subject: "spam" }]);
    const [mine] = await ann.caller.mail.folders();
    expect(mine!.address).toBe(ann.address);
    expect(mine!.folders.map((f) => [f.role, f.unread, f.total])).toEqual([
      ["INBOX", 2, 3],
      ["DRAFTS", 0, 0],
      ["SENT", 0, 0],
      ["ARCHIVE", 0, 0],
      ["SPAM", 1, 1],
      ["TRASH", 0, 0],
    ]);

    const projects = await ann.caller.mail.createFolder({ mailboxId: ann.mailboxId, name: "Projects" });
    await expect(ann.caller.mail.createFolder({ mailboxId: ann.mailboxId, name: "Projects" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(ann.caller.mail.createFolder({ mailboxId: ann.mailboxId, name: "Inbox" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(ann.caller.mail.createFolder({ mailboxId: ann.mailboxId, name: "a\nb" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await ann.caller.mail.renameFolder({ folderId: projects.id, name: "Work" });
    const inbox = await folderOf(ann, "INBOX");
    await expect(ann.caller.mail.renameFolder({ folderId: inbox.id, name: "Other" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const page = await ann.caller.mail.messages({ folderId: inbox.id });
    await ann.caller.mail.move({ ids: [page.messages[0]!.id], folderId: projects.id });
    const work = (await ann.caller.mail.folders())[0]!.folders.find((f) => f.id === projects.id)!;
    expect(work).toMatchObject({ name: "Work", role: null, unread: 1, total: 1 });
    expect(await ann.caller.mail.deleteFolder({ folderId: projects.id })).toEqual({ movedToTrash: 1 });
    expect((await folderOf(ann, "TRASH")).total).toBe(1);
  });

  it("pages a folder newest first with no gap and no repeat while new mail arrives", async () => {
    const ann = await newMailPerson("pages");
    const seeded = await seedMail(ann, "INBOX", Array.from({ length: 120 }, (_, i) => ({ subject: `message ${i}` })));
    const inbox = await folderOf(ann, "INBOX");
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof ann.caller.mail.messages>> = await ann.caller.mail.messages({ folderId: inbox.id, cursor, limit: 50 });
      seen.push(...page.messages.map((m) => m.id));
      cursor = page.nextCursor;
      pages += 1;
      // Mail arriving between pages lands on top: the pages below do not shift.
      if (pages === 1) await seedMail(ann, "INBOX", [{ subject: "late arrival" }]);
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...seeded].reverse());
    const first = await ann.caller.mail.messages({ folderId: inbox.id, limit: 1 });
    expect(first.messages[0]).toMatchObject({ subject: "late arrival", isRead: false, from: { address: "sender@example.org" } });
  });
});

describe("webmail flags and moves", () => {
  it("marks, stars, archives, deletes to Trash, restores and deletes forever lists of messages", async () => {
    const ann = await newMailPerson("flags");
    const ids = await seedMail(ann, "INBOX", [{ subject: "a" }, { subject: "b" }, { subject: "c" }]);
    const [a, b, c] = ids as [string, string, string];
    expect(await ann.caller.mail.setRead({ ids: [a, b], isRead: true })).toEqual({ changed: 2 });
    expect(await ann.caller.mail.setStarred({ ids: [c], isStarred: true })).toEqual({ changed: 1 });
    expect((await folderOf(ann, "INBOX")).unread).toBe(1);

    expect(await ann.caller.mail.archive({ ids: [a] })).toEqual({ moved: 1 });
    expect(await ann.caller.mail.trash({ ids: [b, c] })).toEqual({ moved: 2 });
    await expect(ann.caller.mail.deleteForever({ ids: [a] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await ann.caller.mail.restore({ ids: [c] })).toEqual({ moved: 1 });
    const trash = await folderOf(ann, "TRASH");
    expect(trash.total).toBe(1);
    expect(await ann.caller.mail.deleteForever({ ids: [b] })).toEqual({ deleted: 1 });
    const after = await stateOf(ann);
    expect(after.map((m) => m.id).sort()).toEqual([a, c].sort());
    expect(after.find((m) => m.id === c)).toMatchObject({ folderId: (await folderOf(ann, "INBOX")).id, isStarred: true });
    await ann.caller.mail.trash({ ids: [a] });
    expect(await ann.caller.mail.emptyTrash({ mailboxId: ann.mailboxId })).toEqual({ deleted: 1 });
  });

  it("refuses a whole bulk operation when one id is a colleague's, changing nothing", async () => {
    const ann = await newMailPerson("bulk");
    const bob = await newMailColleague(ann);
    const mine = await seedMail(ann, "INBOX", [{ subject: "mine 1" }, { subject: "mine 2" }]);
    const [his] = await seedMail(bob, "INBOX", [{ subject: "his" }]);
    const before = { ann: await stateOf(ann), bob: await stateOf(bob) };
    for (const call of [
      () => ann.caller.mail.setRead({ ids: [...mine, his!], isRead: true }),
      () => ann.caller.mail.setStarred({ ids: [...mine, his!], isStarred: true }),
      () => ann.caller.mail.archive({ ids: [...mine, his!] }),
      () => ann.caller.mail.trash({ ids: [his!, ...mine] }),
      () => ann.caller.mail.move({ ids: [...mine, his!], folderId: before.ann[0]!.folderId }),
      () => ann.caller.mail.conversation({ messageId: his! }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    // A folder of another mailbox is no target either.
    const bobsArchive = await folderOf(bob, "ARCHIVE");
    await expect(ann.caller.mail.move({ ids: mine, folderId: bobsArchive.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(ann.caller.mail.messages({ folderId: bobsArchive.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect({ ann: await stateOf(ann), bob: await stateOf(bob) }).toEqual(before);
  });

  it("refuses another organization's mailbox, folder and message ids in every procedure, with zero rows changed", async () => {
    const ann = await newMailPerson("tenant-a");
    const eve = await newMailPerson("tenant-b");
    const [annsMessage] = await seedMail(ann, "INBOX", [{ subject: "private" }]);
    await ann.caller.mail.trash({ ids: [annsMessage!] });
    const annsTrash = await folderOf(ann, "TRASH");
    const before = await stateOf(ann);
    const folderCount = () => inOrganization(ann.organizationId, (tx) => tx.mailFolder.count({ where: { mailboxId: ann.mailboxId } }));
    const folders = await folderCount();
    const ids = [annsMessage!];
    const calls: [string, () => Promise<unknown>][] = [
      ["messages", () => eve.caller.mail.messages({ folderId: annsTrash.id })],
      ["conversation", () => eve.caller.mail.conversation({ messageId: annsMessage! })],
      ["setRead", () => eve.caller.mail.setRead({ ids, isRead: true })],
      ["setStarred", () => eve.caller.mail.setStarred({ ids, isStarred: true })],
      ["move", () => eve.caller.mail.move({ ids, folderId: annsTrash.id })],
      ["archive", () => eve.caller.mail.archive({ ids })],
      ["trash", () => eve.caller.mail.trash({ ids })],
      ["restore", () => eve.caller.mail.restore({ ids })],
      ["deleteForever", () => eve.caller.mail.deleteForever({ ids })],
      ["emptyTrash", () => eve.caller.mail.emptyTrash({ mailboxId: ann.mailboxId })],
      ["createFolder", () => eve.caller.mail.createFolder({ mailboxId: ann.mailboxId, name: "x" })],
      ["renameFolder", () => eve.caller.mail.renameFolder({ folderId: annsTrash.id, name: "x" })],
      ["deleteFolder", () => eve.caller.mail.deleteFolder({ folderId: annsTrash.id })],
      ["draft", () => eve.caller.mail.draft({ draftId: annsMessage! })],
      ["discardDraft", () => eve.caller.mail.discardDraft({ draftId: annsMessage! })],
      ["saveDraft (from)", () => eve.caller.mail.saveDraft({ fromMailboxId: ann.mailboxId, to: [], subject: "x" })],
      ["saveDraft (replaces)", () => eve.caller.mail.saveDraft({ fromMailboxId: eve.mailboxId, draftId: annsMessage!, subject: "x" })],
      ["saveDraft (answers)", () => eve.caller.mail.saveDraft({ fromMailboxId: eve.mailboxId, inReplyToId: annsMessage!, subject: "x" })],
      ["send (from)", () => eve.caller.mail.send({ fromMailboxId: ann.mailboxId, to: [eve.address], subject: "x" })],
      ["send (forwards)", () => eve.caller.mail.send({ fromMailboxId: eve.mailboxId, to: [eve.address], forwardOfId: annsMessage! })],
      ["attachFromFiles", () => eve.caller.mail.attachFromFiles({ draftId: annsMessage!, fileId: annsMessage! })],
    ];
    for (const [name, call] of calls) {
      await expect(call(), name).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await eve.caller.mail.search({ query: "private" })).messages).toEqual([]);
    expect((await eve.caller.mail.suggestRecipients({ query: ann.address.split("@")[0]! })).map((s) => s.address)).not.toContain(ann.address);
    expect(await stateOf(ann)).toEqual(before);
    expect(await folderCount()).toBe(folders);
  });
});

describe("webmail search", () => {
  it("finds by sender, subject and body words among hundreds of messages, only in one's own mailboxes, a page at a time", async () => {
    const ann = await newMailPerson("search");
    const bob = await newMailColleague(ann);
    const messages = Array.from({ length: 200 }, (_, i) => ({
      subject: i % 25 === 0 ? `Quarterly zephyr report ${i}` : `Routine note ${i}`,
      body: i % 50 === 7 ? `The marmalade budget for ${i}` : `Nothing much in ${i}`,
      from: i % 60 === 3 ? "Olga Brandt <olga@partner.example>" : undefined,
    }));
    const ids = await seedMail(ann, "INBOX", messages);
    await seedMail(bob, "INBOX", [{ subject: "zephyr for Bob only", body: "marmalade" }]);
    const expected = (keep: (m: (typeof messages)[number]) => boolean) => ids.filter((_, i) => keep(messages[i]!)).reverse();

    const subjectHits = await ann.caller.mail.search({ query: "zephyr" });
    expect(subjectHits.messages.map((m) => m.id)).toEqual(expected((m) => m.subject.includes("zephyr")));
    expect(subjectHits.messages).toHaveLength(8);
    expect((await ann.caller.mail.search({ query: "marmalade budget" })).messages.map((m) => m.id)).toEqual(expected((m) => m.body.includes("marmalade")));
    expect((await ann.caller.mail.search({ query: "olga" })).messages.map((m) => m.id)).toEqual(expected((m) => Boolean(m.from)));
    // A prefix of three letters or more finds the words it begins.
    expect((await ann.caller.mail.search({ query: "quarter zeph" })).messages).toHaveLength(8);
    expect((await ann.caller.mail.search({ query: "zephyr marmalade" })).messages).toEqual([]);
    expect((await bob.caller.mail.search({ query: "zephyr" })).messages.map((m) => m.subject)).toEqual(["zephyr for Bob only"]);
    await expect(ann.caller.mail.search({ query: "!" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // Pages of "routine" (192 messages): 30 each, no gap, no repeat.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof ann.caller.mail.search>> = await ann.caller.mail.search({ query: "routine", cursor });
      seen.push(...page.messages.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected((m) => m.subject.startsWith("Routine")));
  });
});
