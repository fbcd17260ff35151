import { encode } from "next-auth/jwt";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generalOf, newChatTeam } from "../chat/testing/chat-fixture";
import { revokeSession } from "../auth/sessions";
import { getConfig } from "../config";
import { getDatabase } from "../db";
import { startLoopbackServer, type LoopbackServer } from "../testing/http-test-server";
import { handleLiveFeed, LIVE_FEED_PATH } from "./live-feed-http";
import type { LiveEvent } from "./live-events";

type Frame = { event: string; data: string };

/** Reads a server-sent event stream frame by frame, as EventSource would. */
async function openFeed(base: string, cookie?: string) {
  const abort = new AbortController();
  const response = await fetch(`${base}${LIVE_FEED_PATH}`, { headers: cookie ? { cookie } : {}, signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  async function nextFrame(): Promise<Frame> {
    for (;;) {
      const end = buffered.indexOf("\n\n");
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2).replace(/^\n+/, "");
        const frame = { event: "message", data: "" };
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) frame.event = line.slice(7);
          if (line.startsWith("data: ")) frame.data = line.slice(6);
        }
        return frame;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("The feed ended.");
      buffered += value;
    }
  }
  /** The next data event, decoded as tRPC's client link decodes it. */
  async function nextEvent(): Promise<LiveEvent> {
    for (;;) {
      const frame = await nextFrame();
      if (frame.event !== "message") continue;
      const event = superjson.deserialize(JSON.parse(frame.data) as Parameters<typeof superjson.deserialize>[0]) as LiveEvent;
      if (event.type !== "presence") return event;
    }
  }
  /** Everything still to come, until the server ends the response. */
  async function rest(): Promise<string> {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return buffered;
      buffered += value;
    }
  }
  return { response, nextFrame, nextEvent, rest, close: () => abort.abort() };
}

async function sessionCookie(sessionId: string): Promise<string> {
  const token = await encode({ token: { sid: sessionId }, secret: getConfig().authSecret });
  return `next-auth.session-token=${token}`;
}

describe("live feed over the console's own server", () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer((req, res) => {
      void handleLiveFeed(req, res).then((served) => {
        if (!served) res.writeHead(401, { "content-type": "text/plain" }).end("not served");
      });
    });
  });
  afterAll(() => server.close());

  it("speaks tRPC's subscription protocol: connected, ready, then each message as its reader sees it", async () => {
    const { owner: ann, colleague: bob } = await newChatTeam();
    const general = await generalOf(ann);
    const bobs = await openFeed(server.baseUrl, await sessionCookie(bob.sessionId));
    expect(bobs.response.status).toBe(200);
    expect(bobs.response.headers.get("content-type")).toBe("text/event-stream");
    expect(await bobs.nextFrame()).toEqual({ event: "connected", data: "{}" });
    expect(await bobs.nextEvent()).toEqual({ type: "ready" });

    const posted = await ann.caller.chat.post({ channelId: general, body: "Over the wire" });
    await bob.caller.chat.react({ messageId: posted.id, emoji: "🎉" });
    const created = await bobs.nextEvent();
    expect(created).toMatchObject({ type: "message", message: { id: posted.id, body: "Over the wire", mine: false } });
    // superjson carried the types through: dates are dates again.
    expect(created.type === "message" && created.message.createdAt).toBeInstanceOf(Date);
    expect(await bobs.nextEvent()).toMatchObject({ type: "message", message: { id: posted.id, reactions: [{ emoji: "🎉", count: 1, mine: true }] } });
    bobs.close();
  });

  it("leaves requests without a valid session to the tRPC route, having written nothing", async () => {
    const anonymous = await openFeed(server.baseUrl);
    expect(anonymous.response.status).toBe(401);
    expect(await anonymous.rest()).toBe("not served");

    const forged = await openFeed(server.baseUrl, "next-auth.session-token=not-a-token");
    expect(forged.response.status).toBe(401);

    const { owner } = await newChatTeam();
    const cookie = await sessionCookie(owner.sessionId);
    await revokeSession(getDatabase(), owner.sessionId);
    const signedOut = await openFeed(server.baseUrl, cookie);
    expect(signedOut.response.status).toBe(401);
  });
});
