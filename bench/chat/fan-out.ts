// One fan-out run, the same for every server: N subscribers hold an event
// stream open, S senders post M messages at a fixed total rate, and every
// (message, subscriber) receipt is checked off and timed. A message's text
// carries its index and its send time, so latency is read from what arrived.
import { forEachConcurrently } from "../harness";
import { openSseStream, streamAgent, type SseEvent, type SseStream } from "../lib/sse-client";

/** A server as the fan-out run drives it. */
export type ChatTarget = {
  name: string;
  /** Where subscriber `i` opens its stream, with the headers it sends (its session). */
  stream(i: number): { url: string; headers: Record<string, string> };
  /** The text of the chat message an event carries, or the kind of any other event. */
  read(event: SseEvent): { text: string } | { other: string };
  /** Posts `text` as sender `i`; resolves when the server accepted it. */
  send(i: number, text: string): Promise<void>;
};

export type Load = {
  subscribers: number;
  senders: number;
  messages: number;
  /** Messages per second from all senders together; 0: as fast as they go. */
  rate: number;
  /** How many posts one sender may have waiting for an answer. */
  inFlightPerSender: number;
};

export type FanOutFigures = {
  sendSeconds: number;
  sentPerSecond: number;
  /** From the first send to the last receipt. */
  deliverySeconds: number;
  deliveriesPerSecond: number;
  messagesPerSecond: number;
  deliveries: number;
  lost: number;
  duplicated: number;
  /** Posts that failed (no retry); deliveries of those that never arrived anywhere are not counted lost. */
  failedSends: number;
  /** Events other than chat messages, by kind (e.g. presence, resync), over the whole run. */
  otherEvents: Record<string, number>;
  /** Streams opened again after they failed or ended (none is expected). */
  reconnections: number;
  p50: number;
  p99: number;
  max: number;
};

// Each run's texts carry its own tag: a late event of an earlier run on the same server is not counted.
const runTag = () => Math.random().toString(36).slice(2, 8);
// A delivery still owed after this long without any receipt is counted lost.
const IDLE_MS = 20_000;
const OPEN_CONCURRENCY = 25;
const RECONNECT_MS = 1_000;

const now = () => performance.timeOrigin + performance.now();

/**
 * Opens the streams, proves each is live with a warm-up message every
 * subscriber must receive, then runs the load. `onStreamsLive` runs once all
 * streams are live, before the load (to sample the server's memory).
 */
export async function runFanOut(target: ChatTarget, load: Load, onStreamsLive?: () => Promise<void>): Promise<FanOutFigures> {
  const { subscribers, messages } = load;
  const tag = runTag();
  const textPrefix = `bench ${tag} `;
  const probePrefix = `warm-up ${tag} `;
  const agent = streamAgent(subscribers);
  const counts = new Uint8Array(subscribers * messages);
  const latencies = new Float64Array(subscribers * messages);
  const lastProbe = new Int32Array(subscribers).fill(-1);
  let deliveries = 0;
  let duplicated = 0;
  const otherEvents: Record<string, number> = {};
  let lastReceipt = 0;
  let onReceipt: (() => void) | undefined;

  const receive = (subscriber: number, events: SseEvent[], receivedAt: number) => {
    for (const event of events) {
      if (event.event === "serialized-error") {
        const key = `error: ${errorMessage(event.data)}`;
        otherEvents[key] = (otherEvents[key] ?? 0) + 1;
      }
      if (event.event !== "message") continue; // connected, ping and the like: the stream's own
      const read = target.read(event);
      if ("other" in read) {
        otherEvents[read.other] = (otherEvents[read.other] ?? 0) + 1;
        continue;
      }
      const { text } = read;
      if (text.startsWith(probePrefix)) {
        lastProbe[subscriber] = Math.max(lastProbe[subscriber]!, Number(text.slice(probePrefix.length)));
        continue;
      }
      if (!text.startsWith(textPrefix)) continue;
      const [index, sentAt] = text.slice(textPrefix.length).split(" ").map(Number) as [number, number];
      const slot = subscriber * messages + index;
      if (counts[slot]! > 0) duplicated++;
      else {
        latencies[slot] = receivedAt - sentAt;
        deliveries++;
        lastReceipt = receivedAt;
      }
      counts[slot] = Math.min(255, counts[slot]! + 1);
    }
    onReceipt?.();
  };

  const streams: (SseStream | undefined)[] = new Array(subscribers);
  let stopping = false;
  let reconnections = 0;
  const open = (i: number): SseStream => {
    const { url, headers } = target.stream(i);
    const stream = openSseStream(url, { agent, headers, onEvents: (events, at) => receive(i, events, at) });
    streams[i] = stream;
    // As tRPC's httpSubscriptionLink does in a browser: a stream that failed or ended is opened again.
    void stream.closed.then(() => {
      if (stopping) return;
      reconnections++;
      setTimeout(() => void (stopping || open(i)), RECONNECT_MS);
    });
    return stream;
  };
  try {
    await forEachConcurrently(subscribers, OPEN_CONCURRENCY, (i) => open(i).opened.catch(() => {}));
    await warmUp(target, lastProbe, probePrefix);
    await onStreamsLive?.();
    const { firstSend, lastSend, failed } = await sendAll(target, load, textPrefix);
    if (failed.size) console.error(`${target.name}: ${failed.size} posts failed, e.g. ${[...failed.values()][0]}`);
    const expected = subscribers * messages;
    await new Promise<void>((resolve) => {
      let idle: NodeJS.Timeout | undefined;
      const check = () => {
        if (deliveries >= expected) return finish();
        clearTimeout(idle);
        idle = setTimeout(finish, IDLE_MS);
      };
      const finish = () => {
        clearTimeout(idle);
        onReceipt = undefined;
        resolve();
      };
      onReceipt = check;
      check();
    });
    const sorted = latencies.filter((_, slot) => counts[slot]! > 0).sort();
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
    const deliverySeconds = ((deliveries ? lastReceipt : now()) - firstSend) / 1000;
    return {
      sendSeconds: (lastSend - firstSend) / 1000,
      sentPerSecond: messages / Math.max(0.001, (lastSend - firstSend) / 1000),
      deliverySeconds,
      deliveriesPerSecond: deliveries / deliverySeconds,
      messagesPerSecond: deliveries / subscribers / deliverySeconds,
      deliveries,
      lost: expected - deliveries - failedUnseen(failed, counts, subscribers, messages),
      failedSends: failed.size,
      duplicated,
      otherEvents,
      reconnections,
      p50: pct(50),
      p99: pct(99),
      max: sorted[sorted.length - 1] ?? 0,
    };
  } finally {
    stopping = true;
    for (const stream of streams) stream?.close();
    agent.destroy();
  }
}

/** Posts warm-up messages until one reached every subscriber: from then on, every stream is live. */
async function warmUp(target: ChatTarget, lastProbe: Int32Array, probePrefix: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let probe = 0; ; probe++) {
    await target.send(0, `${probePrefix}${probe}`);
    const waitUntil = Date.now() + 3_000;
    while (Date.now() < waitUntil && lastProbe.some((p) => p < probe)) await sleep(50);
    if (!lastProbe.some((p) => p < probe)) return;
    if (Date.now() > deadline) {
      const missing = lastProbe.filter((p) => p < probe).length;
      throw new Error(`${target.name}: ${missing} of ${lastProbe.length} subscribers never received a warm-up message.`);
    }
  }
}

/**
 * Sends message k at start + k / rate from sender k mod S, each sender with a
 * bounded number in flight. A post that fails is not retried (it may have
 * been stored): its index and error are returned.
 */
async function sendAll(target: ChatTarget, load: Load, textPrefix: string) {
  const start = now() + 50;
  let firstSend = Infinity;
  let lastSend = 0;
  const failed = new Map<number, string>();
  await Promise.all(
    Array.from({ length: load.senders }, async (_, sender) => {
      const inFlight = new Set<Promise<void>>();
      for (let k = sender; k < load.messages; k += load.senders) {
        if (load.rate > 0) await sleep(start + (k * 1000) / load.rate - now());
        while (inFlight.size >= load.inFlightPerSender) await Promise.race(inFlight);
        const sentAt = now();
        firstSend = Math.min(firstSend, sentAt);
        lastSend = Math.max(lastSend, sentAt);
        const post: Promise<void> = target
          .send(sender, `${textPrefix}${k} ${sentAt.toFixed(3)}`)
          .catch((error: Error) => void failed.set(k, error.message))
          .finally(() => inFlight.delete(post));
        inFlight.add(post);
      }
      await Promise.all(inFlight);
    }),
  );
  return { firstSend, lastSend, failed };
}

/** Deliveries owed for failed posts that no subscriber received (so they were not stored). */
function failedUnseen(failed: Map<number, string>, counts: Uint8Array, subscribers: number, messages: number): number {
  let unseen = 0;
  for (const index of failed.keys()) {
    let seen = false;
    for (let s = 0; s < subscribers && !seen; s++) seen = counts[s * messages + index]! > 0;
    if (!seen) unseen += subscribers;
  }
  return unseen;
}

/** The message of a tRPC `serialized-error` event (superjson of the error shape), for the log. */
function errorMessage(data: string): string {
  try {
    const shape = JSON.parse(data) as { json?: { message?: string }; message?: string };
    return shape.json?.message ?? shape.message ?? data.slice(0, 120);
  } catch {
    return data.slice(0, 120);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
