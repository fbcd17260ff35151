import { createDatabase, type Database } from "@awan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generalOf, newChatTeam, openLiveFeed, type ChatPerson } from "./testing/chat-fixture";

let owner: Database;
beforeAll(() => {
  owner = createDatabase(process.env.DATABASE_URL!);
});
afterAll(() => owner.$disconnect());

describe("chat", () => {
  it("puts everyone in #general, and posts, lists, edits, reacts and deletes there with unread counts", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    expect(await generalOf(bob)).toBe(general);
    expect((await bob.caller.chat.channels()).map((c) => c.name)).toEqual(["general"]);

    const first = await ann.caller.chat.post({ channelId: general, body: "Hello **team**" });
    const second = await ann.caller.chat.post({ channelId: general, body: "Second" });
    expect((await bob.caller.chat.channels())[0]).toMatchObject({ name: "general", unread: 2 });
    expect((await ann.caller.chat.channels())[0]).toMatchObject({ unread: 0 }); // one's own messages are read
    const page = await bob.caller.chat.messages({ channelId: general });
    expect(page.messages.map((m) => [m.body, m.author?.id, m.mine])).toEqual([
      ["Hello **team**", ann.userId, false],
      ["Second", ann.userId, false],
    ]);
    expect(page.olderCursor).toBeNull();

    await expect(bob.caller.chat.edit({ messageId: first.id, body: "hijacked" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const edited = await ann.caller.chat.edit({ messageId: first.id, body: "Hello **everyone**" });
    expect(edited.editedAt).toBeInstanceOf(Date);

    await bob.caller.chat.react({ messageId: first.id, emoji: "👍" });
    await bob.caller.chat.react({ messageId: first.id, emoji: "👍" }); // twice is once
    await ann.caller.chat.react({ messageId: first.id, emoji: "👍" });
    await ann.caller.chat.react({ messageId: first.id, emoji: "🎉" });
    await ann.caller.chat.unreact({ messageId: first.id, emoji: "🎉" });
    const seenByBob = (await bob.caller.chat.messages({ channelId: general })).messages[0]!;
    expect(seenByBob).toMatchObject({ body: "Hello **everyone**", reactions: [{ emoji: "👍", count: 2, mine: true }] });

    await expect(bob.caller.chat.delete({ messageId: second.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await ann.caller.chat.delete({ messageId: second.id });
    const after = (await bob.caller.chat.messages({ channelId: general })).messages;
    expect(after[1]).toMatchObject({ id: second.id, body: null, deletedAt: expect.any(Date) });
    await expect(ann.caller.chat.edit({ messageId: second.id, body: "back" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await bob.caller.chat.channels())[0]).toMatchObject({ unread: 1 }); // the deleted one no longer counts

    await bob.caller.chat.markRead({ channelId: general, seq: second.seq });
    expect((await bob.caller.chat.channels())[0]).toMatchObject({ unread: 0 });
    await bob.caller.chat.markRead({ channelId: general, seq: first.seq }); // never moves back
    expect((await bob.caller.chat.channels())[0]).toMatchObject({ unread: 0, lastReadSeq: second.seq });
  });

  it("refuses empty and oversized messages and changes nothing", async () => {
    const { owner: ann } = await newChatTeam();
    const general = await generalOf(ann);
    await expect(ann.caller.chat.post({ channelId: general, body: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(ann.caller.chat.post({ channelId: general, body: "x".repeat(10_001) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await ann.caller.chat.messages({ channelId: general })).messages).toEqual([]);
  });

  it("stores message bodies encrypted: the row holds no text, and a changed row fails its check instead of showing garbage", async () => {
    const { owner: ann } = await newChatTeam();
    const general = await generalOf(ann);
    const secret = `the launch code is ${crypto.randomUUID()}`;
    const posted = await ann.caller.chat.post({ channelId: general, body: secret });
    const [row] = await owner.$queryRaw<{ body: Uint8Array; text: string }[]>`SELECT "body", "body"::text AS text FROM "Message" WHERE "id" = ${posted.id}::uuid`;
    expect(Buffer.from(row!.body).includes(Buffer.from(secret))).toBe(false);
    expect(Buffer.from(row!.body).includes(Buffer.from("launch"))).toBe(false);
    expect(row!.body.length).toBeGreaterThan(secret.length);
    // The body of one message moved onto another fails authentication (bound to its message id).
    const other = await ann.caller.chat.post({ channelId: general, body: "harmless" });
    await owner.$executeRaw`UPDATE "Message" SET "body" = ${row!.body} WHERE "id" = ${other.id}::uuid`;
    await expect(ann.caller.chat.messages({ channelId: general })).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
  });

  it("pages back through history with no gap and no duplicate while others post concurrently", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    for (let i = 0; i < 15; i++) await ann.caller.chat.post({ channelId: general, body: `before ${i}` });
    const walks: string[][] = [];
    let posting = true;
    const posters = [ann, bob, ann].map(async (who, p) => {
      for (let i = 0; i < 20; i++) await who.caller.chat.post({ channelId: general, body: `poster ${p} message ${i}` });
    });
    const walker = (async () => {
      while (posting) {
        const seqs: string[] = [];
        let before: string | null = null;
        do {
          const page: { messages: { seq: string }[]; olderCursor: string | null } = await bob.caller.chat.messages({ channelId: general, cursor: before, limit: 7 });
          seqs.push(...page.messages.map((m) => m.seq).reverse());
          before = page.olderCursor;
        } while (before);
        walks.push(seqs);
      }
    })();
    await Promise.all(posters);
    posting = false;
    await walker;
    const all = (await collectAll(ann, general)).map((m) => m.seq);
    expect(all).toHaveLength(75);
    expect(walks.length).toBeGreaterThan(1);
    for (const walk of walks) {
      expect(new Set(walk).size).toBe(walk.length); // no duplicate
      const top = BigInt(walk[0]!);
      // No gap: every message at or below the newest one the walk saw is in it, in order.
      expect(walk).toEqual(all.filter((s) => BigInt(s) <= top).reverse());
    }
  });

  it("brings new messages, edits, reactions and deletions through the tab's live feed; a reconnected feed starts with ready, and reloading then shows what was posted while it was closed, once", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    await generalOf(bob);
    const early = await ann.caller.chat.post({ channelId: general, body: "before anyone listened" });
    // Bob's tab, as the console keeps it: the channel as loaded, with what the feed brings merged in by id.
    type Shown = { id: string; seq: string; body: string | null; editedAt: Date | null; deletedAt: Date | null; reactions: unknown[] };
    const shown = new Map<string, Shown>();
    const merge = (messages: Shown[]) => messages.forEach((m) => shown.set(m.id, m));
    const reload = async () => merge((await bob.caller.chat.messages({ channelId: general })).messages);
    const view = () => [...shown.values()].sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1)).map((m) => m.body);

    let tab = await openLiveFeed(bob);
    expect(await tab.take(1)).toEqual([{ type: "ready" }]);
    await reload();
    expect(view()).toEqual(["before anyone listened"]);
    const next = async () => {
      const events = await tab.take(1);
      for (const e of events) if (e.type === "message") merge([e.message]);
      return events.map((e) => e.type === "message" && [e.message.body, e.message.editedAt !== null, e.message.reactions.length, e.message.deletedAt !== null]);
    };
    const one = await ann.caller.chat.post({ channelId: general, body: "one" });
    expect(await next()).toEqual([["one", false, 0, false]]);
    await ann.caller.chat.edit({ messageId: one.id, body: "one, edited" });
    expect(await next()).toEqual([["one, edited", true, 0, false]]);
    await bob.caller.chat.react({ messageId: one.id, emoji: "👀" });
    expect(await next()).toEqual([["one, edited", true, 1, false]]);
    const two = await ann.caller.chat.post({ channelId: general, body: "two" });
    expect(await next()).toEqual([["two", false, 0, false]]);
    await ann.caller.chat.delete({ messageId: two.id });
    expect(await next()).toEqual([[null, false, 0, true]]);
    expect(view()).toEqual(["before anyone listened", "one, edited", null]);

    // The tab loses its connection; meanwhile a message is posted and another edited.
    tab.close();
    const three = await ann.caller.chat.post({ channelId: general, body: "three" });
    await ann.caller.chat.edit({ messageId: one.id, body: "one, edited again" });
    tab = await openLiveFeed(bob);
    // No replay on reconnection: ready first, and the tab reloads.
    expect(await tab.take(1)).toEqual([{ type: "ready" }]);
    // Posted after ready but before the reload: it comes live and is in the reload as well.
    const four = await ann.caller.chat.post({ channelId: general, body: "four" });
    expect(await next()).toEqual([["four", false, 0, false]]);
    await reload();
    expect(view()).toEqual(["before anyone listened", "one, edited again", null, "three", "four"]);
    expect([...shown.keys()].sort()).toEqual([early.id, one.id, two.id, three.id, four.id].sort());
    // Nothing of what happened while it was closed follows on the feed.
    const notice = await ann.caller.chat.post({ channelId: general, body: "five" });
    expect((await tab.messagesUntil(notice.id)).map((m) => m.body)).toEqual(["five"]);
    tab.close();
  });

  it("keeps a private channel invisible to non-members until they are added", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const secret = await ann.caller.chat.createChannel({ name: "#Board", isPrivate: true });
    expect(secret.name).toBe("board");
    const open = await ann.caller.chat.createChannel({ name: "random", isPrivate: false });
    await expect(ann.caller.chat.createChannel({ name: "board", isPrivate: false })).rejects.toMatchObject({ code: "CONFLICT" });
    const posted = await ann.caller.chat.post({ channelId: secret.id, body: "salaries" });

    expect((await bob.caller.chat.channels()).map((c) => [c.name, c.joined])).toEqual([
      ["general", true],
      ["random", false],
    ]);
    await expect(bob.caller.chat.messages({ channelId: secret.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.caller.chat.post({ channelId: secret.id, body: "let me in" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.caller.chat.react({ messageId: posted.id, emoji: "👍" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.caller.chat.delete({ messageId: posted.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.caller.chat.markRead({ channelId: secret.id, seq: posted.seq })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.caller.chat.addMembers({ channelId: secret.id, userIds: [bob.userId] })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // A public channel is joined by using it.
    await bob.caller.chat.post({ channelId: open.id, body: "hi" });
    await ann.caller.chat.addMembers({ channelId: secret.id, userIds: [bob.userId] });
    expect((await bob.caller.chat.channels()).map((c) => [c.name, c.joined, c.unread])).toEqual([
      ["general", true, 0],
      ["board", true, 1],
      ["random", true, 0],
    ]);
    expect((await bob.caller.chat.messages({ channelId: secret.id })).messages.map((m) => m.body)).toEqual(["salaries"]);
  });

  it("lets a guest see nothing until invited to a channel", async () => {
    const { owner: ann, colleague: guest } = await newChatTeam("GUEST");
    expect(await guest.caller.chat.channels()).toEqual([]);
    const general = await generalOf(ann);
    await expect(guest.caller.chat.messages({ channelId: general })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(guest.caller.chat.createChannel({ name: "mine", isPrivate: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

async function collectAll(who: ChatPerson, channelId: string) {
  const all: { seq: string }[] = [];
  let before: string | null = null;
  do {
    const page: { messages: { seq: string }[]; olderCursor: string | null } = await who.caller.chat.messages({ channelId, cursor: before, limit: 100 });
    all.unshift(...page.messages);
    before = page.olderCursor;
  } while (before);
  return all;
}
