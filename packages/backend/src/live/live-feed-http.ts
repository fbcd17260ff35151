import type http from "node:http";
import { getToken } from "next-auth/jwt";
import { resolveViewer, type Viewer } from "../auth/sessions";
import { getConfig } from "../config";
import { getDatabase } from "../db";
import { TRPC_ENDPOINT } from "../trpc/http";
import { openLiveTab } from "./live-hub";

/** Where the console's tRPC client opens `live.onEvent` (httpSubscriptionLink: a GET, no input). */
export const LIVE_FEED_PATH = `${TRPC_ENDPOINT}/live.onEvent`;

/** Bytes a tab may leave unread in its socket before it is cut off (it reconnects and reloads). */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

// What tRPC's own subscription responses open with (sseHeaders, and a `connected` event with the client options, none here).
const SSE_HEADERS = { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no", Connection: "keep-alive" };
const CONNECTED = "event: connected\ndata: {}\n\n\n";

function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // not percent-encoded after all; the token check decides
  }
}

/** The signed-in viewer from next-auth's session cookie, as the tRPC route would resolve it. */
async function viewerOf(req: http.IncomingMessage): Promise<Viewer | null> {
  const config = getConfig();
  const cookies = new Map<string, string>();
  for (const pair of (req.headers.cookie ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0) cookies.set(pair.slice(0, eq).trim(), decodeCookieValue(pair.slice(eq + 1).trim()));
  }
  const token = await getToken({
    req: { cookies, headers: req.headers } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: config.authSecret,
    secureCookie: config.publicUrl.protocol === "https:",
  });
  return token?.sid ? resolveViewer(getDatabase(), token.sid) : null;
}

/**
 * Serves a tab's live feed (live.onEvent) straight from the console's Node
 * server, in tRPC's subscription protocol, so the same client link reads it:
 * each event was serialized once for every tab that gets it, and is written
 * to each socket as it is, without tRPC's and Next's per-event streams (at
 * 500 open tabs those cost more than the rest of the feed). Returns false,
 * having written nothing, when the request is not a signed-in member's: the
 * tRPC route then answers it with its usual refusal.
 */
export async function handleLiveFeed(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  const viewer = await viewerOf(req);
  const organization = viewer?.organization;
  if (!viewer || !organization) return false;
  const actor = { organizationId: organization.id, userId: viewer.user.id, role: organization.role };

  res.writeHead(200, SSE_HEADERS);
  res.write(CONNECTED);
  const socket = new SocketWriter(res);
  let tab: { close(): void } | undefined;
  res.on("close", () => {
    socket.gone = true;
    tab?.close();
  });
  try {
    tab = await openLiveTab(getDatabase(), actor, { deliver: (event) => socket.queue(event.frame), close: () => socket.end() });
  } catch (error) {
    console.error("Live feed: could not open.", error);
    socket.end();
    return true;
  }
  if (socket.gone) tab.close();
  return true;
}

/**
 * Frames wait for the end of the event loop's turn and go out together, one
 * write per socket: when the server falls behind, the events that piled up
 * meanwhile cost one system call instead of one each.
 */
class SocketWriter {
  gone = false;
  private frames: Buffer[] = [];

  constructor(private readonly res: http.ServerResponse) {}

  queue(frame: Buffer): void {
    if (this.gone) return;
    if (this.frames.push(frame) === 1) scheduleFlush(this);
  }

  flush(): void {
    const frames = this.frames;
    this.frames = [];
    if (this.gone || frames.length === 0) return;
    // A tab that stopped reading: cut it off rather than hold its backlog; its browser reconnects and reloads.
    if (this.res.writableLength > MAX_BACKLOG_BYTES) return this.end();
    this.res.write(frames.length === 1 ? frames[0] : Buffer.concat(frames));
  }

  end(): void {
    this.gone = true;
    this.frames = [];
    this.res.end();
  }
}

const waiting = new Set<SocketWriter>();

function scheduleFlush(writer: SocketWriter): void {
  if (waiting.size === 0) setImmediate(flushAll);
  waiting.add(writer);
}

function flushAll(): void {
  for (const writer of waiting) writer.flush();
  waiting.clear();
}
