import { describe, expect, it } from "vitest";
import { collect, generalOf, newChatTeam, streamingCaller, type ChatPerson } from "../chat/testing/chat-fixture";
import type { LiveEvent } from "./live-feed";

/** `who`'s live feed, read an event at a time; `take` skips the kinds in `ignore`. */
async function feed(who: ChatPerson, ignore: LiveEvent["type"][] = ["presence"]) {
  const abort = new AbortController();
  const iterator = ((await streamingCaller(who, abort.signal).live.onEvent()) as AsyncIterable<LiveEvent>)[Symbol.asyncIterator]();
  const events = { [Symbol.asyncIterator]: () => ({ next: async () => nextWanted() }) };
  async function nextWanted(): Promise<IteratorResult<LiveEvent>> {
    for (;;) {
      const next = await iterator.next();
      if (next.done || !ignore.includes(next.value.type)) return next;
    }
  }
  return {
    take: (count: number, timeoutMs = 5_000) => collect(events as AsyncIterable<LiveEvent>, count, timeoutMs, false),
    /** As a browser leaving: the connection drops and the server stops reading. */
    close: () => {
      abort.abort();
      void iterator.return?.();
    },
  };
}

describe("live feed", () => {
  it("starts with ready, then brings messages of readable channels as each reader sees them", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    // Bob has not opened Chat yet: his feed puts him in #general.
    const bobs = await feed(bob);
    expect(await bobs.take(1)).toEqual([{ type: "ready" }]);

    const posted = await ann.caller.chat.post({ channelId: general, body: "Hello Bob" });
    await bob.caller.chat.react({ messageId: posted.id, emoji: "👍" });
    const [created, reacted] = await bobs.take(2);
    expect(created).toMatchObject({ type: "message", message: { id: posted.id, body: "Hello Bob", mine: false } });
    expect(reacted).toMatchObject({ type: "message", message: { id: posted.id, reactions: [{ emoji: "👍", count: 1, mine: true }] } });
    bobs.close();
  });

  it("keeps private channels, typing and other people's notifications to those they concern", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    await generalOf(bob);
    const secret = await ann.caller.chat.createChannel({ name: "secret", isPrivate: true });
    const bobs = await feed(bob);
    await bobs.take(1);

    await ann.caller.chat.post({ channelId: secret.id, body: "not for Bob" });
    await ann.caller.presence.typing({ channelId: secret.id });
    await ann.caller.presence.typing({ channelId: general });
    const seen = await ann.caller.chat.post({ channelId: general, body: "for everyone" });
    const events = await bobs.take(2);
    expect(events).toEqual([
      { type: "typing", channelId: general, userId: ann.userId, name: expect.any(String) },
      expect.objectContaining({ type: "message", message: expect.objectContaining({ id: seen.id }) }),
    ]);
    await expect(bob.caller.presence.typing({ channelId: secret.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    bobs.close();
  });

  it("brings a new public channel's messages to everyone's open feed at once", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    await generalOf(bob);
    const bobs = await feed(bob);
    await bobs.take(1);
    const launch = await ann.caller.chat.createChannel({ name: "launch", isPrivate: false });
    expect(await bobs.take(1)).toEqual([{ type: "channels" }]);
    const posted = await ann.caller.chat.post({ channelId: launch.id, body: "Launch day" });
    expect(await bobs.take(1)).toEqual([expect.objectContaining({ type: "message", message: expect.objectContaining({ id: posted.id }) })]);
    bobs.close();
  });

  it("cuts off the feeds of someone removed from the organization at once, and only theirs", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    await generalOf(bob);
    const [anns, bobs] = [await feed(ann), await feed(bob)];
    await Promise.all([anns.take(1), bobs.take(1)]);

    const { membershipId } = (await ann.caller.member.list()).find((m) => m.id === bob.userId)!;
    await ann.caller.member.remove({ membershipId });
    await expect(bobs.take(1)).rejects.toMatchObject({ message: expect.stringMatching(/interrupted/) });
    const after = await ann.caller.chat.post({ channelId: general, body: "Bob has left" });
    expect(await anns.take(1)).toEqual([expect.objectContaining({ type: "message", message: expect.objectContaining({ id: after.id }) })]);
    // Reconnecting gets him nothing.
    await expect(feed(bob)).rejects.toMatchObject({ code: "FORBIDDEN" });
    anns.close();
  });

  it("tells the organization when someone comes online, sets a status and leaves", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const anns = await feed(ann, []);
    expect((await anns.take(2)).map((e) => e.type).sort()).toEqual(["presence", "ready"]); // Ann herself, online

    const bobs = await feed(bob);
    await bobs.take(1);
    expect(await anns.take(1)).toEqual([{ type: "presence", presence: { userId: bob.userId, state: "online", statusEmoji: "", statusText: "" } }]);
    await bob.caller.presence.setStatus({ emoji: "🌴", text: "On holiday" });
    expect(await anns.take(1)).toEqual([{ type: "presence", presence: { userId: bob.userId, state: "online", statusEmoji: "🌴", statusText: "On holiday" } }]);
    bobs.close();
    expect(await anns.take(1, 10_000)).toEqual([{ type: "presence", presence: expect.objectContaining({ userId: bob.userId, state: "offline" }) }]);
    expect((await ann.caller.presence.list()).find((p) => p.userId === bob.userId)).toMatchObject({ state: "offline", statusText: "On holiday" });
    anns.close();
  });
});
