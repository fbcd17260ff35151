// People in one organization, signed in as the console would be, for the chat tests.
import { resolveViewer } from "../../auth/sessions";
import { getDatabase } from "../../db";
import type { LiveEvent } from "../../live/live-feed";
import { addMember, callerFor, newAccount } from "../../testing/fixtures";
import { createCaller } from "../../trpc/root";

export type ChatPerson = Awaited<ReturnType<typeof signedIn>>;

async function signedIn(organizationId: string, userId: string) {
  const { caller, sessionId } = await callerFor(userId);
  return { organizationId, userId, caller, sessionId };
}

/** An organization's owner and a colleague with `role`. */
export async function newChatTeam(role: "ADMIN" | "MEMBER" | "GUEST" = "MEMBER") {
  const { organizationId, userId } = await newAccount("chat");
  const colleague = await addMember(organizationId, userId, role);
  return { owner: await signedIn(organizationId, userId), colleague: await signedIn(organizationId, colleague.userId) };
}

/** Another person in `team`'s organization, signed in, with `role`. */
export async function joinTeam(team: { owner: ChatPerson }, role: "ADMIN" | "MEMBER" | "GUEST" = "MEMBER") {
  const person = await addMember(team.owner.organizationId, team.owner.userId, role);
  return signedIn(team.owner.organizationId, person.userId);
}

/** The id of the organization's #general, as `who` sees it. */
export async function generalOf(who: ChatPerson): Promise<string> {
  const general = (await who.caller.chat.channels()).find((c) => c.isGeneral);
  if (!general) throw new Error("no #general");
  return general.id;
}

/** Reads a subscription until `count` items came (or `timeoutMs` passed), then ends it unless told to keep it open. */
export async function collect<T>(iterable: AsyncIterable<T>, count: number, timeoutMs = 5_000, end = true): Promise<T[]> {
  const items: T[] = [];
  const iterator = iterable[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  try {
    while (items.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([
        iterator.next(),
        new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), left);
        }),
      ]);
      clearTimeout(timer);
      if (next === "timeout" || next.done) break;
      items.push(next.value);
    }
  } finally {
    if (end) void iterator.return?.(undefined);
  }
  return items;
}

/** A caller whose subscriptions end when `signal` aborts, as a browser closing its connection. */
export function streamingCaller(who: ChatPerson, signal: AbortSignal) {
  const db = getDatabase();
  return createCaller(async () => ({ db, viewer: await resolveViewer(db, who.sessionId), client: { ipAddress: "203.0.113.7", userAgent: "vitest" } }), {
    signal,
  });
}

/**
 * `who`'s live feed (live.onEvent) as one tab opens it, read an event at a
 * time; kinds in `ignore` are skipped (presence comes and goes with everyone
 * in the organization).
 */
export async function openLiveFeed(who: ChatPerson, ignore: LiveEvent["type"][] = ["presence"]) {
  const abort = new AbortController();
  const iterator = ((await streamingCaller(who, abort.signal).live.onEvent()) as AsyncIterable<LiveEvent>)[Symbol.asyncIterator]();
  async function nextWanted(): Promise<IteratorResult<LiveEvent>> {
    for (;;) {
      const next = await iterator.next();
      if (next.done || !ignore.includes(next.value.type)) return next;
    }
  }
  const events: AsyncIterable<LiveEvent> = { [Symbol.asyncIterator]: () => ({ next: nextWanted }) };
  const take = (count: number, timeoutMs = 5_000) => collect(events, count, timeoutMs, false);
  return {
    take,
    /** The messages the feed brings up to and including `messageId`'s, other kinds skipped: anything before it came first. */
    messagesUntil: async (messageId: string, timeoutMs = 5_000) => {
      const seen: Extract<LiveEvent, { type: "message" }>["message"][] = [];
      for (;;) {
        const [event] = await take(1, timeoutMs);
        if (!event) throw new Error(`message ${messageId} never came; the feed brought ${JSON.stringify(seen.map((m) => m.id))}`);
        if (event.type !== "message") continue;
        seen.push(event.message);
        if (event.message.id === messageId) return seen;
      }
    },
    /** As a browser leaving: the connection drops and the server stops reading. */
    close: () => {
      abort.abort();
      void iterator.return?.();
    },
  };
}
