// Server-sent events over node:http, parsed as they arrive (the WHATWG
// event-stream rules: fields per line, a blank line dispatches), so that many
// long-lived streams cost one socket and one small buffer each.
import http from "node:http";

export type SseEvent = { event: string; data: string; id: string | null };

export type SseStream = {
  /** Resolves when the response headers arrived with status 200; rejects otherwise. */
  opened: Promise<void>;
  /** Resolves when the server ends the stream or the connection fails. */
  closed: Promise<void>;
  close(): void;
};

/** An agent for many long-lived streams: one socket each, never queued behind another stream. */
export function streamAgent(streams: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: streams + 16, maxFreeSockets: 16 });
}

/**
 * Opens `url` as an event stream. `onEvents` gets the events of each chunk
 * with the time the chunk reached this process, so receipt times do not
 * include the parsing of the events before them in the same chunk.
 */
export function openSseStream(
  url: string,
  opts: { agent: http.Agent; headers?: Record<string, string>; onEvents: (events: SseEvent[], receivedAt: number) => void },
): SseStream {
  let request: http.ClientRequest | undefined;
  let settleOpened: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const opened = new Promise<void>((resolve, reject) => (settleOpened = { resolve, reject }));
  const closed = new Promise<void>((resolveClosed) => {
    request = http.get(url, { agent: opts.agent, headers: { accept: "text/event-stream", ...opts.headers } }, (res) => {
      if (res.statusCode !== 200) {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (part: string) => (body += part));
        res.on("end", () => {
          settleOpened?.reject(new Error(`${url}: HTTP ${res.statusCode} ${body.slice(0, 300)}`));
          resolveClosed();
        });
        return;
      }
      settleOpened?.resolve();
      const parser = sseParser();
      res.setEncoding("utf8");
      res.on("data", (part: string) => {
        const receivedAt = performance.timeOrigin + performance.now();
        const events = parser(part);
        if (events.length) opts.onEvents(events, receivedAt);
      });
      res.on("error", () => {}); // a reset connection: `close` follows, and the caller sees the stream closed
      res.on("close", () => resolveClosed());
    });
    request.on("error", (error) => {
      settleOpened?.reject(error);
      resolveClosed();
    });
  });
  opened.catch(() => {}); // a caller that only awaits `closed` should not see an unhandled rejection
  return { opened, closed, close: () => request?.destroy() };
}

/** An incremental event-stream parser: feed it text as it arrives, get the complete events. */
export function sseParser(): (text: string) => SseEvent[] {
  let pending = "";
  let event = "";
  let data: string[] = [];
  let id: string | null = null;
  return (text) => {
    pending += text;
    const out: SseEvent[] = [];
    let start = 0;
    const bareLf = !pending.includes("\r"); // the common case: find line ends natively
    for (;;) {
      const end = bareLf ? pending.indexOf("\n", start) : nextLineEnd(pending, start);
      if (end === -1) break;
      const line = pending.slice(start, end);
      start = end + (pending[end] === "\r" && pending[end + 1] === "\n" ? 2 : 1);
      if (line === "") {
        if (data.length) out.push({ event: event || "message", data: data.join("\n"), id });
        event = "";
        data = [];
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "data") data.push(value);
      else if (field === "event") event = value;
      else if (field === "id" && !value.includes("\0")) id = value;
    }
    pending = pending.slice(start);
    return out;
  };
}

/** The end of the line starting at `from`, or -1 when it is not complete ("\r" at the end may yet be "\r\n"). */
function nextLineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i;
    if (c === 13) return i + 1 < text.length ? i : -1;
  }
  return -1;
}
