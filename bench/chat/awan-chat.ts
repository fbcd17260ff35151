// The product as the chat benchmark drives it: the built console over a test
// database, an organization whose people joined through an invitation, each
// signed in through the console's own sign-in form endpoint (a session cookie
// each), all in #general. Subscribers hold the console's live chat stream
// (tRPC over server-sent events), senders post through chat.post.
import http from "node:http";
import { withTenantScope } from "@awan/db";
import superjson from "superjson";
import { signUpWithInvitation } from "../../packages/backend/src/auth/sign-up";
import { createInvitation } from "../../packages/backend/src/tenancy/invitations";
import { forEachConcurrently } from "../harness";
import { startConsoleServer } from "../lib/console-server";
import type { SseEvent } from "../lib/sse-client";
import type { ChatTarget } from "./fan-out";

/**
 * The one product-specific part of the stream: where a tab opens its live
 * feed, and what an event of it is (a chat message's body, or the event's
 * type). tRPC's httpSubscriptionLink protocol: GET (input, if any, as
 * superjson in ?input=), each item one `data:` line holding superjson.
 */
export const liveFeed = {
  url: (base: string) => `${base}/api/trpc/live.onEvent`,
  read(data: string): { text: string } | { other: string } {
    const item = (JSON.parse(data) as { json?: { type?: string; message?: { body?: string | null } } }).json;
    if (item?.type === "message" && typeof item.message?.body === "string") return { text: item.message.body };
    return { other: item?.type ?? "unknown" };
  },
};

const PASSWORD = "correct horse battery staple";

export type AwanChat = { target: ChatTarget; port: number; stop: () => Promise<void> };

/** Starts the console with `people` members (the owner included), signed in and in #general. */
export async function startAwanChat(people: number, log: (line: string) => void): Promise<AwanChat> {
  const emails: string[] = [];
  const seedStarted = performance.now();
  const awan = await startConsoleServer(async (db, owner) => {
    const actor = { organizationId: owner.organizationId, userId: owner.userId, role: "OWNER" as const };
    const { token } = await withTenantScope(db, actor, (tx) => createInvitation(tx, actor, { role: "MEMBER", expiresInDays: 1, maxUses: people }));
    emails.push(owner.email);
    const invited = Array.from({ length: people - 1 }, (_, i) => `member-${i}-${owner.email}`);
    await forEachConcurrently(invited.length, 4, (i) => signUpWithInvitation(db, { name: `Member ${i}`, email: invited[i]!, password: PASSWORD, token }));
    emails.push(...invited);
  });
  log(`${people} members created in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (console start included)`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const signInStarted = performance.now();
    const cookies: string[] = new Array(people);
    await forEachConcurrently(people, 4, async (i) => (cookies[i] = await signIn(awan.base, emails[i]!)));
    // chat.channels joins #general on first use, as opening Chat does.
    let general = "";
    await forEachConcurrently(people, 8, async (i) => {
      const channels = (await trpc(agent, awan.base, cookies[i]!, "GET", "chat.channels")) as { id: string; isGeneral: boolean }[];
      general = channels.find((c) => c.isGeneral)?.id ?? general;
    });
    if (!general) throw new Error("awan: #general was not found.");
    log(`${people} sign-ins and #general joined in ${((performance.now() - signInStarted) / 1000).toFixed(1)} s`);
    return {
      port: Number(new URL(awan.base).port),
      target: {
        name: "awan",
        // Subscribers are people 0…N-1; senders the last ones, so nobody reads their own posts.
        stream: (i) => ({ url: liveFeed.url(awan.base), headers: { cookie: cookies[i]! } }),
        read: (event: SseEvent) => liveFeed.read(event.data),
        send: async (i, text) => void (await trpc(agent, awan.base, cookies[people - 1 - i]!, "POST", "chat.post", { channelId: general, body: text })),
      },
      stop: async () => {
        agent.destroy();
        await awan.stop();
      },
    };
  } catch (error) {
    agent.destroy();
    await awan.stop();
    throw error;
  }
}

/** Signs in through next-auth's credentials endpoint, as the sign-in page does; returns the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrf.headers.getSetCookie()) },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, json: "true" }),
  });
  const session = cookiePairs(res.headers.getSetCookie().filter((c) => c.includes("session-token=")));
  if (!session) throw new Error(`awan: signing in ${email} gave HTTP ${res.status} and no session cookie.`);
  return session;
}

const cookiePairs = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]).join("; ");

/** One tRPC call over HTTP (no batching): a query as GET, a mutation as POST; returns the result's data. */
function trpc(agent: http.Agent, base: string, cookie: string, method: "GET" | "POST", path: string, input?: unknown): Promise<unknown> {
  const serialized = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
  const url = `${base}/api/trpc/${path}${method === "GET" && serialized ? `?input=${encodeURIComponent(serialized)}` : ""}`;
  const headers: Record<string, string> = { cookie };
  if (method === "POST") headers["content-type"] = "application/json";
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (part: string) => (body += part));
      res.on("end", () => {
        if (res.statusCode !== 200) return reject(new Error(`awan ${path}: HTTP ${res.statusCode} ${body.slice(0, 300)}`));
        const reply = JSON.parse(body) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
        resolve(superjson.deserialize(reply.result.data));
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(method === "POST" ? serialized : undefined);
  });
}
