// Threads, direct conversations, mentions and paging around a position.
import { createDatabase, type Database } from "@awan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEventBus } from "../events/event-bus";
import { chatMembershipChanged, chatReadMoved } from "./chat-events";
import { collect, generalOf, joinTeam, newChatTeam, openLiveFeed, type ChatPerson } from "./testing/chat-fixture";

let owner: Database;
beforeAll(() => {
  owner = createDatabase(process.env.DATABASE_URL!);
});
afterAll(() => owner.$disconnect());

const notificationsOf = (who: ChatPerson) =>
  owner.notification.findMany({ where: { userId: who.userId, organizationId: who.organizationId }, select: { kind: true, title: true, link: true, actorId: true }, orderBy: { createdAt: "asc" } });
const nameOf = async (who: ChatPerson) => (await owner.user.findUniqueOrThrow({ where: { id: who.userId }, select: { name: true } })).name;
const channelOf = async (who: ChatPerson, id: string) => (await who.caller.chat.channels()).find((c) => c.id === id);

describe("threads", () => {
  it("keeps replies out of the channel's list, counts them on the parent and pages them oldest first", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    const parent = await ann.caller.chat.post({ channelId: general, body: "Lunch?" });
    const replies = [];
    for (const [who, body] of [[bob, "yes"], [ann, "where?"], [bob, "the usual"]] as const) {
      replies.push(await who.caller.chat.post({ channelId: general, body, parentId: parent.id }));
    }
    expect(replies.every((r) => r.parentId === parent.id)).toBe(true);

    const main = await bob.caller.chat.messages({ channelId: general });
    expect(main.messages.map((m) => [m.body, m.replyCount])).toEqual([["Lunch?", 3]]);
    // Replies are not unread messages of the channel.
    await bob.caller.chat.markRead({ channelId: general, seq: parent.seq });
    expect(await channelOf(bob, general)).toMatchObject({ unread: 0 });

    const first = await bob.caller.chat.thread({ messageId: parent.id, limit: 2 });
    expect(first.parent).toMatchObject({ id: parent.id, replyCount: 3 });
    expect(first.replies.map((r) => r.body)).toEqual(["yes", "where?"]);
    const second = await bob.caller.chat.thread({ messageId: parent.id, cursor: first.newerCursor, limit: 2 });
    expect(second.replies.map((r) => r.body)).toEqual(["the usual"]);
    expect(second.newerCursor).toBeNull();

    // One level of threads, in the parent's own channel, and not under a deleted message.
    await expect(bob.caller.chat.post({ channelId: general, body: "nested", parentId: replies[0]!.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const other = await ann.caller.chat.createChannel({ name: "other", isPrivate: false });
    await expect(ann.caller.chat.post({ channelId: other.id, body: "elsewhere", parentId: parent.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await ann.caller.chat.delete({ messageId: parent.id });
    await expect(bob.caller.chat.post({ channelId: general, body: "late", parentId: parent.id })).rejects.toMatchObject({ code: expect.stringMatching(/GONE|NOT_FOUND|PRECONDITION_FAILED/) });
    expect((await bob.caller.chat.thread({ messageId: parent.id })).parent).toMatchObject({ replyCount: 3, deletedAt: expect.any(Date) });
  });

  it("counts every reply once when many people reply at the same time", async () => {
    const team = await newChatTeam();
    const carol = await joinTeam(team);
    const general = await generalOf(team.owner);
    const parent = await team.owner.caller.chat.post({ channelId: general, body: "Vote" });
    await Promise.all(
      [team.owner, team.colleague, carol].flatMap((who) => [1, 2, 3].map((i) => who.caller.chat.post({ channelId: general, body: `+${i}`, parentId: parent.id }))),
    );
    const thread = await carol.caller.chat.thread({ messageId: parent.id });
    expect(thread.parent.replyCount).toBe(9);
    expect(thread.replies).toHaveLength(9);
  });
});

describe("direct conversations", () => {
  it("gives the same people the same conversation, whoever opens it and however often, also at the same time", async () => {
    const team = await newChatTeam();
    const { owner: ann, colleague: bob } = team;
    const carol = await joinTeam(team);
    const general = await generalOf(carol);
    const carols = await openLiveFeed(carol);
    expect(await carols.take(1)).toEqual([{ type: "ready" }]);
    const dm = await ann.caller.chat.openDirect({ userIds: [bob.userId] });
    expect(await bob.caller.chat.openDirect({ userIds: [ann.userId, bob.userId] })).toEqual(dm);
    const group = await ann.caller.chat.openDirect({ userIds: [carol.userId, bob.userId] });
    expect(group.id).not.toBe(dm.id);
    expect(await carol.caller.chat.openDirect({ userIds: [bob.userId, ann.userId] })).toEqual(group);

    // Ten first opens at once, by both sides, between people who never talked: one conversation.
    const opened = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? bob.caller.chat.openDirect({ userIds: [carol.userId] }) : carol.caller.chat.openDirect({ userIds: [bob.userId] }))),
    );
    expect(new Set(opened.map((o) => o.id)).size).toBe(1);
    const direct = await owner.channel.count({ where: { organizationId: ann.organizationId, kind: "DIRECT" } });
    expect(direct).toBe(3);

    // Listed with the other people's names, and messages flow both ways.
    await ann.caller.chat.post({ channelId: dm.id, body: "psst" });
    const seen = await channelOf(bob, dm.id);
    expect(seen).toMatchObject({ kind: "DIRECT", unread: 1, people: [{ id: ann.userId, name: await nameOf(ann) }] });
    expect((await bob.caller.chat.messages({ channelId: dm.id })).messages.map((m) => m.body)).toEqual(["psst"]);
    expect((await channelOf(carol, group.id))?.people.map((p) => p.id).sort()).toEqual([ann.userId, bob.userId].sort());

    // Fixed members: nobody is added later.
    await expect(ann.caller.chat.addMembers({ channelId: dm.id, userIds: [carol.userId] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses nobody, too many people, and people outside the organization", async () => {
    const team = await newChatTeam();
    const stranger = await newChatTeam();
    await expect(team.owner.caller.chat.openDirect({ userIds: [team.owner.userId] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(team.owner.caller.chat.openDirect({ userIds: [stranger.owner.userId] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const many = Array.from({ length: 8 }, () => crypto.randomUUID());
    await expect(team.owner.caller.chat.openDirect({ userIds: many })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await owner.channel.count({ where: { organizationId: team.owner.organizationId, kind: "DIRECT" } })).toBe(0);
  });

  it("lets a guest write only to people already in a channel with them", async () => {
    const team = await newChatTeam("GUEST");
    const { owner: ann, colleague: guest } = team;
    const bob = await joinTeam(team);
    expect(await guest.caller.chat.directCandidates()).toEqual([]);
    await expect(guest.caller.chat.openDirect({ userIds: [ann.userId] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const project = await ann.caller.chat.createChannel({ name: "project", isPrivate: true });
    await ann.caller.chat.addMembers({ channelId: project.id, userIds: [guest.userId] });
    expect((await guest.caller.chat.directCandidates()).map((p) => p.id)).toEqual([ann.userId]);
    const dm = await guest.caller.chat.openDirect({ userIds: [ann.userId] });
    await guest.caller.chat.post({ channelId: dm.id, body: "question" });
    await expect(guest.caller.chat.openDirect({ userIds: [bob.userId] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Members may write to anyone in the organization, guests included.
    expect((await bob.caller.chat.directCandidates()).map((p) => p.id).sort()).toEqual([ann.userId, guest.userId].sort());
  });

  it("keeps conversations and private channels invisible to everyone outside them, through every chat procedure", async () => {
    const team = await newChatTeam();
    const { owner: ann, colleague: bob } = team;
    const carol = await joinTeam(team);
    const general = await generalOf(carol);
    const carols = await openLiveFeed(carol);
    expect(await carols.take(1)).toEqual([{ type: "ready" }]);
    const dm = await ann.caller.chat.openDirect({ userIds: [bob.userId] });
    const secret = await ann.caller.chat.createChannel({ name: "secret", isPrivate: true });
    for (const channelId of [dm.id, secret.id]) {
      const message = await ann.caller.chat.post({ channelId, body: "between us" });
      await bob.caller.chat.post({ channelId, body: "reply", parentId: message.id }).catch(() => undefined);
      await ann.caller.chat.react({ messageId: message.id, emoji: "👍" });
      const refusals = [
        () => carol.caller.chat.messages({ channelId }),
        () => carol.caller.chat.messages({ channelId, around: message.seq }),
        () => carol.caller.chat.members({ channelId }),
        () => carol.caller.chat.thread({ messageId: message.id }),
        () => carol.caller.chat.post({ channelId, body: "hello?" }),
        () => carol.caller.chat.post({ channelId, body: "hello?", parentId: message.id }),
        () => carol.caller.chat.edit({ messageId: message.id, body: "mine now" }),
        () => carol.caller.chat.delete({ messageId: message.id }),
        () => carol.caller.chat.react({ messageId: message.id, emoji: "👀" }),
        () => carol.caller.chat.unreact({ messageId: message.id, emoji: "👀" }),
        () => carol.caller.chat.markRead({ channelId, seq: message.seq }),
        () => carol.caller.chat.addMembers({ channelId, userIds: [carol.userId] }),
      ];
      for (const refusal of refusals) await expect(refusal()).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await carol.caller.chat.channels()).map((c) => c.id)).not.toContain(channelId);
    }
    // Her live feed brought none of those messages, replies or reactions: the first message it brings is one in #general.
    const forAll = await ann.caller.chat.post({ channelId: general, body: "for everyone" });
    expect((await carols.messagesUntil(forAll.id)).map((m) => m.id)).toEqual([forAll.id]);
    carols.close();
    expect(await owner.messageMention.count({ where: { userId: carol.userId } })).toBe(0);
    expect(await owner.channelMember.count({ where: { userId: carol.userId, channelId: { in: [dm.id, secret.id] } } })).toBe(0);
  });
});

describe("events for other tabs", () => {
  it("tells the people of a new conversation or of a channel they were added to, and a reader's tabs when the read position moves", async () => {
    const team = await newChatTeam();
    const { owner: ann, colleague: bob } = team;
    const abort = new AbortController();
    const membership = await getEventBus().stream(ann.organizationId, chatMembershipChanged, { signal: abort.signal });
    const reads = await getEventBus().stream(ann.organizationId, chatReadMoved, { signal: abort.signal });
    try {
      const dm = await ann.caller.chat.openDirect({ userIds: [bob.userId] });
      await ann.caller.chat.openDirect({ userIds: [bob.userId] }); // found, not new: no event
      const board = await ann.caller.chat.createChannel({ name: "board", isPrivate: true });
      await ann.caller.chat.addMembers({ channelId: board.id, userIds: [bob.userId] });
      await ann.caller.chat.addMembers({ channelId: board.id, userIds: [bob.userId] }); // already in: no event
      const events = (await collect(membership, 4, 2_000, false)).map((e) => (e.type === "event" ? e.data : e));
      expect(events).toEqual([
        { channelId: dm.id, userIds: [ann.userId, bob.userId].sort() },
        { channelId: board.id, userIds: [ann.userId] },
        { channelId: board.id, userIds: [bob.userId] },
      ]);

      const posted = await ann.caller.chat.post({ channelId: dm.id, body: "read me" });
      await bob.caller.chat.markRead({ channelId: dm.id, seq: posted.seq });
      await bob.caller.chat.markRead({ channelId: dm.id, seq: posted.seq }); // no move: no event
      expect((await collect(reads, 2, 2_000, false)).map((e) => (e.type === "event" ? e.data : e))).toEqual([{ channelId: dm.id, userId: bob.userId }]);
    } finally {
      abort.abort();
    }
  });
});

describe("mentions and notifications", () => {
  it("records mentions of channel members, counts unread ones per channel and notifies each person once, never the author", async () => {
    const team = await newChatTeam();
    const { owner: ann, colleague: bob } = team;
    const carol = await joinTeam(team);
    const design = await ann.caller.chat.createChannel({ name: "design", isPrivate: true });
    await ann.caller.chat.addMembers({ channelId: design.id, userIds: [bob.userId] });
    const annName = await nameOf(ann);
    expect(await notificationsOf(bob)).toEqual([{ kind: "INVITATION", title: `${annName} added you to #design`, link: `/chat?channel=${design.id}`, actorId: ann.userId }]);

    // Carol is not in #design: naming her records nothing and tells her nothing. Naming oneself neither.
    const posted = await ann.caller.chat.post({ channelId: design.id, body: `<@${bob.userId}> and <@${carol.userId}>, see <@${ann.userId}>` });
    expect(posted.mentions.map((m) => m.id)).toEqual([bob.userId, carol.userId, ann.userId]);
    expect(posted.mentions[0]).toEqual({ id: bob.userId, name: await nameOf(bob) });
    expect(await owner.messageMention.findMany({ where: { messageId: posted.id }, select: { userId: true, seq: true, channelId: true } })).toEqual([
      { userId: bob.userId, seq: BigInt(posted.seq), channelId: design.id },
    ]);
    expect(await channelOf(bob, design.id)).toMatchObject({ unread: 1, mentions: 1 });
    expect((await notificationsOf(bob)).at(-1)).toEqual({
      kind: "MENTION",
      title: `${annName} mentioned you in #design`,
      link: `/chat?channel=${design.id}&message=${posted.id}`,
      actorId: ann.userId,
    });
    expect(await notificationsOf(carol)).toEqual([]);
    expect(await notificationsOf(ann)).toEqual([]);

    // Editing does not notify the people already mentioned again.
    await ann.caller.chat.edit({ messageId: posted.id, body: `<@${bob.userId}>, see again` });
    expect(await notificationsOf(bob)).toHaveLength(2);

    // @channel: the flag, a mention for everyone in it, a notification each.
    const all = await bob.caller.chat.post({ channelId: design.id, body: "@channel standup in 5" });
    expect(all.mentionsChannel).toBe(true);
    expect(await channelOf(ann, design.id)).toMatchObject({ unread: 1, mentions: 1 });
    expect((await notificationsOf(ann)).map((n) => n.kind)).toEqual(["MENTION"]);
    expect(await notificationsOf(bob)).toHaveLength(2);
    const notAMention = await bob.caller.chat.post({ channelId: design.id, body: "mail me at bob@channel.example or `@channelx`" });
    expect(notAMention.mentionsChannel).toBe(false);

    // Reading clears the badge.
    await bob.caller.chat.markRead({ channelId: design.id, seq: all.seq });
    expect(await channelOf(bob, design.id)).toMatchObject({ unread: 0, mentions: 0 });

    // A mention in a thread reply notifies (with the thread in the link) but is not a channel unread.
    const reply = await ann.caller.chat.post({ channelId: design.id, body: `<@${bob.userId}> in the thread`, parentId: posted.id });
    expect((await notificationsOf(bob)).at(-1)).toMatchObject({ kind: "MENTION", link: `/chat?channel=${design.id}&message=${reply.id}&thread=${posted.id}` });
    expect(await channelOf(bob, design.id)).toMatchObject({ mentions: 0 });
  });

  it("reaches a colleague in #general who has not opened Chat yet, and suggests them there", async () => {
    const team = await newChatTeam();
    const { owner: ann } = team;
    const carol = await joinTeam(team); // never called chat
    const guest = await joinTeam(team, "GUEST");
    const general = await generalOf(ann);
    expect((await ann.caller.chat.members({ channelId: general })).map((m) => m.id)).toContain(carol.userId);
    expect((await ann.caller.chat.members({ channelId: general })).map((m) => m.id)).not.toContain(guest.userId);
    const posted = await ann.caller.chat.post({ channelId: general, body: `welcome <@${carol.userId}> and <@${guest.userId}>` });
    expect(await notificationsOf(carol)).toEqual([expect.objectContaining({ kind: "MENTION", link: `/chat?channel=${general}&message=${posted.id}` })]);
    expect(await channelOf(carol, general)).toMatchObject({ unread: 1, mentions: 1 });
    // A guest is not in #general unless invited: not mentioned, not told.
    expect(await notificationsOf(guest)).toEqual([]);
    await expect(guest.caller.chat.messages({ channelId: general })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("tells the people taking part in a channel thread of each new reply, a mention instead when mentioned, and nobody else", async () => {
    const team = await newChatTeam();
    const { owner: ann, colleague: bob } = team;
    const [carol, dan] = [await joinTeam(team), await joinTeam(team)];
    const general = await generalOf(ann);
    await Promise.all([bob, carol, dan].map(generalOf));
    const plan = await ann.caller.chat.post({ channelId: general, body: "The plan" });
    const replies = (await Promise.all([ann, bob, carol, dan].map(notificationsOf))).map((n) => n.length);

    const fromBob = await bob.caller.chat.post({ channelId: general, body: "Looks good", parentId: plan.id });
    const link = (reply: { id: string }) => `/chat?channel=${general}&message=${reply.id}&thread=${plan.id}`;
    expect((await notificationsOf(ann)).slice(replies[0])).toEqual([
      { kind: "REPLY", title: `${await nameOf(bob)} replied to a thread in #general`, link: link(fromBob), actorId: bob.userId },
    ]);

    const fromCarol = await carol.caller.chat.post({ channelId: general, body: `<@${bob.userId}> agreed`, parentId: plan.id });
    expect((await notificationsOf(ann)).slice(replies[0]).map((n) => [n.kind, n.link])).toEqual([["REPLY", link(fromBob)], ["REPLY", link(fromCarol)]]);
    expect((await notificationsOf(bob)).slice(replies[1]).map((n) => [n.kind, n.link])).toEqual([["MENTION", link(fromCarol)]]);
    expect((await notificationsOf(carol)).slice(replies[2])).toEqual([]); // her own reply
    expect((await notificationsOf(dan)).slice(replies[3])).toEqual([]); // in #general, not in the thread
  });

  it("notifies the other people of a direct conversation of each message", async () => {
    const team = await newChatTeam();
    const { owner: ann, colleague: bob } = team;
    const carol = await joinTeam(team);
    const group = await ann.caller.chat.openDirect({ userIds: [bob.userId, carol.userId] });
    const message = await ann.caller.chat.post({ channelId: group.id, body: `hi <@${bob.userId}>` });
    const expected = { kind: "DIRECT_MESSAGE", title: `${await nameOf(ann)} sent you a message`, link: `/chat?channel=${group.id}&message=${message.id}`, actorId: ann.userId };
    expect(await notificationsOf(bob)).toEqual([expected]); // once, though also mentioned
    expect(await notificationsOf(carol)).toEqual([expected]);
    expect(await notificationsOf(ann)).toEqual([]);
    expect(await channelOf(bob, group.id)).toMatchObject({ unread: 1, mentions: 1 });
  });
});

describe("jump to first unread", () => {
  it("loads a page around a position and pages newer and older from it without gap or duplicate", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    const posted = [];
    for (let i = 0; i < 30; i++) posted.push(await ann.caller.chat.post({ channelId: general, body: `m${i}` }));
    await bob.caller.chat.markRead({ channelId: general, seq: posted[11]!.seq });
    const { lastReadSeq } = (await channelOf(bob, general))!;
    const firstUnread = posted.find((m) => BigInt(m.seq) > BigInt(lastReadSeq))!;
    expect(firstUnread.body).toBe("m12");

    const around = await bob.caller.chat.messages({ channelId: general, around: firstUnread.seq, limit: 8 });
    expect(around.messages.map((m) => m.body)).toEqual(["m10", "m11", "m12", "m13", "m14", "m15", "m16", "m17"]);
    const seen = [...around.messages];
    for (let cursor = around.newerCursor; cursor; ) {
      const page = await bob.caller.chat.messages({ channelId: general, cursor, direction: "backward", limit: 8 });
      seen.push(...page.messages);
      cursor = page.newerCursor;
    }
    for (let cursor = around.olderCursor; cursor; ) {
      const page = await bob.caller.chat.messages({ channelId: general, cursor, limit: 8 });
      seen.unshift(...page.messages);
      cursor = page.olderCursor;
    }
    expect(seen.map((m) => m.id)).toEqual(posted.map((m) => m.id));
    // The newest page says there is nothing newer.
    expect((await bob.caller.chat.messages({ channelId: general })).newerCursor).toBeNull();
  });

  it("opens at a message of a notification link: the page around it, or around its thread for a reply", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    const posted = [];
    for (let i = 0; i < 20; i++) posted.push(await ann.caller.chat.post({ channelId: general, body: `m${i}` }));
    const reply = await bob.caller.chat.post({ channelId: general, body: "re m5", parentId: posted[5]!.id });
    const at = async (aroundMessageId: string) =>
      (await bob.caller.chat.messages({ channelId: general, aroundMessageId, limit: 4 })).messages.map((m) => m.body);
    expect(await at(posted[8]!.id)).toEqual(["m7", "m8", "m9", "m10"]);
    expect(await at(reply.id)).toEqual(["m4", "m5", "m6", "m7"]);
    // Not in this channel: the newest page, revealing nothing.
    const elsewhere = await ann.caller.chat.openDirect({ userIds: [bob.userId] });
    const secret = await ann.caller.chat.post({ channelId: elsewhere.id, body: "dm" });
    expect(await at(secret.id)).toEqual(["m16", "m17", "m18", "m19"]);
  });
});
