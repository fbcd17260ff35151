// Live chat fan-out: 500 people hold the console's live chat stream open
// (tRPC over server-sent events, each with their own session) on one console
// process, 20 others post 2,000 messages to #general through chat.post at a
// fixed total rate; every (message, subscriber) receipt is checked off and
// timed from the start of its send. The peer is a bare Node SSE broadcaster
// (bench/chat/bare-broadcaster.ts: node:http, no database, no sessions), the
// floor of this runtime, driven by the same client at the same rate. A lost
// or duplicated delivery, or a failed post, fails the benchmark (and the CI
// smoke run) after printing the table.
import { compare, type Benchmark, type Measurement } from "./harness";
import { startAwanChat } from "./chat/awan-chat";
import { startBareBroadcaster } from "./chat/bare-target";
import { runFanOut, type ChatTarget, type FanOutFigures, type Load } from "./chat/fan-out";
import { pidListeningOn, residentMemory } from "./chat/process-memory";

// 20 messages/s (each sender one a second) into a channel of 500 is 10,000
// deliveries/s: well within what the bare broadcaster and this machine's
// loopback carry (p99 ~100 ms at 12,500/s with the machine busy), and within
// what chat.post takes in one channel (~28 posts/s: posts hold the channel's lock).
const FULL: Load = { subscribers: 500, senders: 20, messages: 2_000, rate: 20, inFlightPerSender: 4 };
const SMOKE: Load = { subscribers: 20, senders: 5, messages: 100, rate: 20, inFlightPerSender: 4 };

type Memory = { idle: number; subscribed: number; peak: number };
type Outcome = { figures: FanOutFigures; memory: Memory | null };

const log = (line: string) => console.log(`chat: ${line}`);

async function measure(target: ChatTarget, load: Load, pid: number | null): Promise<Outcome> {
  const idle = pid ? residentMemory(pid) : null;
  const sampled: { subscribed?: number } = {};
  const figures = await runFanOut(target, load, async () => {
    sampled.subscribed = pid ? residentMemory(pid)?.rss : undefined;
  });
  const after = pid ? residentMemory(pid) : null;
  const memory = idle && sampled.subscribed !== undefined && after ? { idle: idle.rss, subscribed: sampled.subscribed, peak: after.peak } : null;
  const f = figures;
  log(
    `${target.name}: sent ${load.messages} in ${f.sendSeconds.toFixed(1)} s (${f.sentPerSecond.toFixed(0)}/s), ` +
      `${f.deliveries} deliveries in ${f.deliverySeconds.toFixed(1)} s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms, ` +
      `failed posts ${f.failedSends}, lost ${f.lost}, duplicated ${f.duplicated}, reconnections ${f.reconnections}, other events ${JSON.stringify(f.otherEvents)}` +
      (memory ? `, RSS ${memory.idle.toFixed(0)} → ${memory.subscribed.toFixed(0)} MiB (peak ${memory.peak.toFixed(0)})` : ""),
  );
  return { figures, memory };
}

export const chat: Benchmark = {
  name: "chat",
  summary: "live chat fan-out: 500 SSE subscribers with their own sessions, 20 senders post 2,000 messages at 20/s vs a bare Node SSE broadcaster",
  async run({ smoke }) {
    const load = smoke ? SMOKE : FULL;
    const people = load.subscribers + load.senders;

    const bare = await startBareBroadcaster();
    let floor: Outcome;
    try {
      floor = await measure(bare.target, load, bare.pid);
    } finally {
      await bare.stop();
    }

    const awan = await startAwanChat(people, log);
    let product: Outcome;
    try {
      product = await measure(awan.target, load, pidListeningOn(awan.port));
    } finally {
      await awan.stop();
    }

    const peer = "bare Node SSE";
    const a = product.figures;
    const b = floor.figures;
    const shape = `${load.subscribers} subscribers, ${load.messages} messages at ${load.rate}/s`;
    const results: Measurement[] = [
      compare(`deliveries (${shape})`, "deliveries/s", a.deliveriesPerSecond, peer, b.deliveriesPerSecond),
      compare("messages delivered to every subscriber", "messages/s", a.messagesPerSecond, peer, b.messagesPerSecond),
      compare("latency send → receipt, p50", "ms", a.p50, peer, b.p50),
      compare("latency send → receipt, p99", "ms", a.p99, peer, b.p99),
      compare("latency send → receipt, max", "ms", a.max, peer, b.max),
      compare("messages sent", "messages/s", a.sentPerSecond, peer, b.sentPerSecond),
      compare("failed posts", "count", a.failedSends, peer, b.failedSends),
      compare("lost deliveries", "count", a.lost, peer, b.lost),
      compare("duplicated deliveries", "count", a.duplicated, peer, b.duplicated),
      compare("streams opened again after failing", "count", a.reconnections, peer, b.reconnections),
    ];
    if (product.memory && floor.memory) {
      results.push(
        compare("server RSS before subscribers", "MiB", product.memory.idle, peer, floor.memory.idle),
        compare(`server RSS with ${load.subscribers} subscribers`, "MiB", product.memory.subscribed, peer, floor.memory.subscribed),
        compare("server peak RSS", "MiB", product.memory.peak, peer, floor.memory.peak),
      );
    }
    const broken = [product, floor].filter((o) => o.figures.lost > 0 || o.figures.duplicated > 0 || o.figures.failedSends > 0);
    if (broken.length) {
      console.table(results);
      throw new Error(
        `chat: posts failed or deliveries lost or duplicated (awan: ${a.failedSends} failed posts, ${a.lost} lost, ${a.duplicated} duplicated; ` +
          `bare: ${b.failedSends} failed posts, ${b.lost} lost, ${b.duplicated} duplicated).`,
      );
    }
    return results;
  },
};
