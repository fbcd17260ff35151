// Who may not see a conversation finds nothing there: every chat procedure,
// given another organization's channel or message, a private channel one is
// not in, a direct conversation between others, or (for a guest) a channel
// they were not added to, answers NOT_FOUND, exactly as for an id that does
// not exist, and changes no row of chat.
import crypto from "node:crypto";
import { createRawConnection, type RawConnection } from "@awan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor } from "../testing/fixtures";
import { generalOf, newChatTeam, openLiveFeed, streamingCaller, type ChatPerson } from "./testing/chat-fixture";

const CHAT_TABLES = [
  "Workspace",
  "WorkspaceMember",
  "Channel",
  "ChannelMember",
  "Message",
  "Reaction",
  "MessageMention",
  "MessageSearchToken",
  "MessageAttachment",
  "Notification",
] as const;

let owner: RawConnection;

/** Every chat row of these organizations, as the database holds it. */
async function chatRows(organizationIds: string[]): Promise<Record<string, unknown>> {
  const rows: Record<string, unknown> = {};
  for (const table of CHAT_TABLES) {
    const { rows: [row] } = await owner.query<{ rows: unknown }>(
      `SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY to_jsonb(t)::text), '[]') AS rows FROM "${table}" t WHERE t."organizationId" = ANY($1::uuid[])`,
      [organizationIds],
    );
    rows[table] = row!.rows;
  }
  return rows;
}

async function person(organizationId: string, inviterId: string, role: "MEMBER" | "GUEST"): Promise<ChatPerson> {
  const { userId } = await addMember(organizationId, inviterId, role);
  return { organizationId, userId, ...(await callerFor(userId)) };
}

type Target = { channelId: string; messageId: string; seq: string };
type World = Awaited<ReturnType<typeof seed>>;

async function seed() {
  // Organization A: Ann (owner), Bob and Carol (members), Gina (guest).
  const { owner: ann, colleague: bob } = await newChatTeam();
  const carol = await person(ann.organizationId, ann.userId, "MEMBER");
  const gina = await person(ann.organizationId, ann.userId, "GUEST");
  const general = await generalOf(ann);
  const hello = await ann.caller.chat.post({ channelId: general, body: "Hello A" });
  const open = await ann.caller.chat.createChannel({ name: "open", isPrivate: false });
  const openPost = await ann.caller.chat.post({ channelId: open.id, body: "In the open" });
  const board = await ann.caller.chat.createChannel({ name: "board", isPrivate: true });
  const boardPost = await ann.caller.chat.post({ channelId: board.id, body: "Board only" });
  await ann.caller.chat.react({ messageId: boardPost.id, emoji: "👍" });
  const team = await ann.caller.chat.createChannel({ name: "team", isPrivate: true });
  await ann.caller.chat.addMembers({ channelId: team.id, userIds: [gina.userId] });
  const teamPost = await ann.caller.chat.post({ channelId: team.id, body: "Welcome, guest" });
  const direct = await ann.caller.chat.openDirect({ userIds: [bob.userId] });
  const directPost = await ann.caller.chat.post({ channelId: direct.id, body: "Just between us" });
  await bob.caller.chat.post({ channelId: direct.id, body: "Thread reply", parentId: directPost.id });

  // Organization B: Zed's #general and private channel, each with a message.
  const { owner: zed } = await newChatTeam();
  const zedGeneral = await generalOf(zed);
  const zedHello = await zed.caller.chat.post({ channelId: zedGeneral, body: "Hello B" });
  const zedPrivate = await zed.caller.chat.createChannel({ name: "b-private", isPrivate: true });
  const zedSecret = await zed.caller.chat.post({ channelId: zedPrivate.id, body: "B's secret" });

  // Everyone has looked at chat once (joining #general where they may), so a refusal has nothing left to join.
  for (const p of [ann, bob, carol, gina, zed]) await p.caller.chat.channels();

  const target = (channelId: string, m: { id: string; seq: string }): Target => ({ channelId, messageId: m.id, seq: m.seq });
  return {
    ann,
    bob,
    carol,
    gina,
    zed,
    organizations: [ann.organizationId, zed.organizationId],
    channels: { general, open: open.id, board: board.id, team: team.id, direct: direct.id },
    /**
     * Who must find nothing where. `own`: a channel they may post in;
     * `colleague`: someone of their organization; `stranger`: someone they
     * may not reach (another organization's member; for a guest, someone in
     * no channel with them).
     */
    outsiders: [
      { who: "a member of another organization", actor: ann, own: open.id, colleague: bob, stranger: zed, target: target(zedGeneral, zedHello) },
      { who: "a member of another organization (its private channel)", actor: ann, own: open.id, colleague: bob, stranger: zed, target: target(zedPrivate.id, zedSecret) },
      { who: "a colleague not in a private channel", actor: bob, own: general, colleague: carol, stranger: zed, target: target(board.id, boardPost) },
      { who: "a colleague outside a direct conversation", actor: carol, own: general, colleague: bob, stranger: zed, target: target(direct.id, directPost) },
      { who: "a guest not added to #general", actor: gina, own: team.id, colleague: ann, stranger: carol, target: target(general, hello) },
      { who: "a guest not added to a public channel", actor: gina, own: team.id, colleague: ann, stranger: carol, target: target(open.id, openPost) },
      { who: "a guest not added to a private channel", actor: gina, own: team.id, colleague: ann, stranger: carol, target: target(board.id, boardPost) },
    ] satisfies Outsider[],
    teamPost,
  };
}

type Outsider = { who: string; actor: ChatPerson; own: string; colleague: ChatPerson; stranger: ChatPerson; target: Target };

/** Each chat procedure, aimed by the outsider at `target` (or, from their own channel, at the stranger or the target's message). */
function attempts({ actor, own, colleague, stranger }: Outsider, target: Target): Record<string, () => Promise<unknown>> {
  const chat = actor.caller.chat;
  const { channelId, messageId, seq } = target;
  const next = String(BigInt(seq) + 1n);
  return {
    messages: () => chat.messages({ channelId }),
    "messages (older page)": () => chat.messages({ channelId, cursor: next, limit: 10 }),
    "messages (newer page)": () => chat.messages({ channelId, cursor: "0", direction: "backward", limit: 10 }),
    "messages (around a position)": () => chat.messages({ channelId, around: seq }),
    members: () => chat.members({ channelId }),
    thread: () => chat.thread({ messageId }),
    post: () => chat.post({ channelId, body: "planted" }),
    "post (a reply to its message, from one's own channel)": () => chat.post({ channelId: own, body: "planted reply", parentId: messageId }),
    "post (a reply in it)": () => chat.post({ channelId, body: "planted reply", parentId: messageId }),
    edit: () => chat.edit({ messageId, body: "rewritten" }),
    delete: () => chat.delete({ messageId }),
    react: () => chat.react({ messageId, emoji: "👀" }),
    unreact: () => chat.unreact({ messageId, emoji: "👍" }),
    markRead: () => chat.markRead({ channelId, seq }),
    "addMembers (oneself)": () => chat.addMembers({ channelId, userIds: [actor.userId] }),
    "addMembers (a colleague)": () => chat.addMembers({ channelId, userIds: [colleague.userId] }),
    // Aimed at a person rather than a channel: someone out of reach is no one.
    "openDirect (someone out of reach)": () => chat.openDirect({ userIds: [stranger.userId] }),
    "openDirect (a colleague and someone out of reach)": () => chat.openDirect({ userIds: [colleague.userId, stranger.userId] }),
  };
}

let world: World;

beforeAll(async () => {
  owner = createRawConnection(process.env.DATABASE_URL!, { applicationName: "chat isolation test" });
  await owner.connect();
  world = await seed();
});
afterAll(() => owner.end());

describe("chat isolation", () => {
  it("refuses every chat procedure with NOT_FOUND, the same as for a channel or message that never existed, and changes nothing", async () => {
    const missing: Target = { channelId: crypto.randomUUID(), messageId: crypto.randomUUID(), seq: "1" };
    const expected = (e: unknown) => (e as { message: string }).message;
    for (const outsider of world.outsiders) {
      const { who } = outsider;
      const nowhere = attempts({ ...outsider, stranger: { ...outsider.stranger, userId: crypto.randomUUID() } }, missing);
      for (const [procedure, call] of Object.entries(attempts(outsider, outsider.target))) {
        const before = await chatRows(world.organizations);
        const refusal = await call().then(
          () => null,
          (error: unknown) => error,
        );
        expect(refusal, `${procedure} by ${who} went through`).toMatchObject({ code: "NOT_FOUND" });
        // Indistinguishable from an id that does not exist: same code, same words.
        const unknown = await nowhere[procedure]!().catch((error: unknown) => error);
        expect(expected(refusal), `${procedure} by ${who}`).toBe(expected(unknown));
        expect(await chatRows(world.organizations), `${procedure} by ${who} changed a row`).toEqual(before);
      }
    }
  });

  it("lists only one's own organization's channels, never a private channel or conversation one is not in", async () => {
    const { ann, bob, carol, gina, zed, channels } = world;
    const listed = async (p: ChatPerson) => (await p.caller.chat.channels()).map((c) => c.id);
    expect(await listed(ann)).toEqual(expect.arrayContaining([channels.general, channels.open, channels.board, channels.team]));
    const hiddenFrom = [
      { p: bob, shown: [channels.general, channels.open, channels.direct], hidden: [channels.board, channels.team] },
      { p: carol, shown: [channels.general, channels.open], hidden: [channels.board, channels.team, channels.direct] },
    ];
    for (const { p, shown, hidden } of hiddenFrom) {
      const ids = await listed(p);
      expect(ids).toEqual(expect.arrayContaining(shown));
      for (const id of hidden) expect(ids).not.toContain(id);
    }
    const zedIds = await listed(zed);
    for (const id of Object.values(channels)) expect(zedIds).not.toContain(id);
    // A new channel is made in one's own organization only.
    const made = await zed.caller.chat.createChannel({ name: `b-${crypto.randomUUID().slice(0, 8)}`, isPrivate: false });
    expect(await listed(ann)).not.toContain(made.id);
    await expect(ann.caller.chat.messages({ channelId: made.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Guests make none.
    await expect(gina.caller.chat.createChannel({ name: "guest-made", isPrivate: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows a guest only the channels they were added to, and more once added", async () => {
    const { ann, gina, channels, teamPost } = world;
    expect((await gina.caller.chat.channels()).map((c) => c.id)).toEqual([channels.team]);
    expect((await gina.caller.chat.messages({ channelId: channels.team })).messages.map((m) => m.id)).toEqual([teamPost.id]);
    await gina.caller.chat.post({ channelId: channels.team, body: "Thanks!" });

    const extra = await ann.caller.chat.createChannel({ name: `guests-${crypto.randomUUID().slice(0, 8)}`, isPrivate: false });
    await ann.caller.chat.addMembers({ channelId: extra.id, userIds: [gina.userId] });
    expect((await gina.caller.chat.channels()).map((c) => c.id).sort()).toEqual([channels.team, extra.id].sort());
    await expect(gina.caller.chat.messages({ channelId: channels.general })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("sends a subscriber nothing from a private channel they are not in or from another organization", async () => {
    const { ann, bob, gina, zed, channels } = world;
    const bobs = await openLiveFeed(bob);
    const ginas = await openLiveFeed(gina);
    try {
      for (const tab of [bobs, ginas]) expect(await tab.take(1)).toEqual([{ type: "ready" }]);
      // Everything a message goes through, where neither Bob nor Gina may read it: a private channel of theirs, and another organization.
      const zedGeneral = await generalOf(zed);
      for (const [who, channelId] of [[ann, channels.board], [zed, zedGeneral]] as const) {
        const hidden = await who.caller.chat.post({ channelId, body: "Not for them" });
        await who.caller.chat.post({ channelId, body: "Nor this reply", parentId: hidden.id });
        await who.caller.chat.edit({ messageId: hidden.id, body: "Not for them, edited" });
        await who.caller.chat.react({ messageId: hidden.id, emoji: "👀" });
        await who.caller.chat.delete({ messageId: hidden.id });
      }
      // Gina reads only #team, Bob #general and not #team: each one's first message is the first they may read.
      const forGina = await ann.caller.chat.post({ channelId: channels.team, body: "News for the team" });
      const forBob = await ann.caller.chat.post({ channelId: channels.general, body: "News for everyone" });
      const forGinaAgain = await ann.caller.chat.post({ channelId: channels.team, body: "More for the team" });
      expect((await bobs.messagesUntil(forBob.id)).map((m) => m.body)).toEqual(["News for everyone"]);
      expect((await ginas.messagesUntil(forGinaAgain.id)).map((m) => m.id)).toEqual([forGina.id, forGinaAgain.id]);
    } finally {
      bobs.close();
      ginas.close();
    }
  });

  it("brings a tab's live feed nothing from a private channel or conversation it is not in, or from another organization", async () => {
    const { ann, bob, carol, zed, channels } = world;
    const abort = new AbortController();
    try {
      const feed = (await streamingCaller(carol, abort.signal).live.onEvent()) as AsyncIterable<unknown>;
      const iterator = feed[Symbol.asyncIterator]();
      const eventOf = (value: unknown) => (Array.isArray(value) ? value[1] : value) as { type: string; message?: { id: string; body: string } };
      // Listening once it says ready.
      expect(eventOf((await iterator.next()).value)).toMatchObject({ type: "ready" });
      await ann.caller.chat.post({ channelId: channels.board, body: "Board only, live" });
      await bob.caller.chat.post({ channelId: channels.direct, body: "Between Ann and Bob, live" });
      await zed.caller.chat.post({ channelId: await generalOf(zed), body: "B, live" });
      const visible = await ann.caller.chat.post({ channelId: channels.general, body: "For everyone, live" });
      // Other kinds of events (presence, channel lists) may come between; the first message is the one for everyone.
      for (;;) {
        const event = eventOf((await iterator.next()).value);
        if (event.type !== "message") continue;
        expect(event.message).toMatchObject({ id: visible.id, body: "For everyone, live" });
        break;
      }
    } finally {
      abort.abort();
    }
  });
});
