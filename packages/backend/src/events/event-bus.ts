import crypto from "node:crypto";
import { z } from "zod";
import { getConfig } from "../config";
import { DEFAULT_STREAM_BUFFER, EventStream } from "./event-stream";
import { ListenerConnection } from "./listener-connection";
import { EventEnvelope, type BusItem, type Topic } from "./topic";

type Handler<T> = (item: BusItem<T>) => void;
type Subscriber = { handler: Handler<unknown>; ready: boolean };
type Channel = { topic: Topic<unknown>; byOrganization: Map<string, Set<Subscriber>> };

export type EventBusOptions = {
  /** Any role may LISTEN: the application's own URL will do. */
  databaseUrl: string;
  /** Shown in pg_stat_activity as `awan-events <name>`. */
  name?: string;
  /** Reconnection waits (tests shorten them). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
};

/**
 * The process's event bus: subscribers per organization and topic, fed by one
 * LISTENing connection (see publish-event.ts for the sending side).
 *
 * Delivery goes only through PostgreSQL, even to subscribers in the
 * publishing process. A direct in-process delivery would have to wait for the
 * publisher's transaction to commit, which a Prisma transaction client cannot
 * tell us, and would then need deduplication against the NOTIFY echo; through
 * PostgreSQL every process, this one included, hears each committed event
 * exactly once and in commit order, for the cost of one local round trip.
 *
 * Tenant isolation: a subscriber names one organization and is kept in that
 * organization's set; an event is handed only to the set its envelope names.
 */
export class EventBus {
  private readonly channels = new Map<string, Channel>();
  private readonly listener: ListenerConnection;
  private readonly streams = new Set<EventStream<unknown>>();
  private closed = false;

  constructor(opts: EventBusOptions) {
    this.listener = new ListenerConnection({
      url: opts.databaseUrl,
      applicationName: `awan-events ${opts.name ?? crypto.randomUUID().slice(0, 8)}`,
      onNotification: (channel, payload) => this.deliver(channel, payload),
      onGap: (channel) => this.announceGap(channel),
      minBackoffMs: opts.minBackoffMs,
      maxBackoffMs: opts.maxBackoffMs,
    });
  }

  /**
   * Calls `handler` with each event of `topic` in `organizationId`, and with a
   * gap after the bus lost its connection for a while. Resolves once the
   * subscription is live: every event committed from then on reaches it.
   * `handler` must not block (queue the work); an error it throws is logged.
   * Returns the function that ends the subscription.
   */
  async subscribe<T>(organizationId: string, topic: Topic<T>, handler: Handler<T>, opts: { signal?: AbortSignal } = {}): Promise<() => void> {
    if (this.closed) throw new Error("The event bus is closed.");
    z.uuid().parse(organizationId);
    let channel = this.channels.get(topic.channel);
    if (!channel) {
      channel = { topic: topic as Topic<unknown>, byOrganization: new Map() };
      this.channels.set(topic.channel, channel);
    }
    let set = channel.byOrganization.get(organizationId);
    if (!set) {
      set = new Set();
      channel.byOrganization.set(organizationId, set);
    }
    const subscriber: Subscriber = { handler: handler as Handler<unknown>, ready: false };
    set.add(subscriber);
    const unsubscribe = once(() => this.remove(topic.channel, organizationId, subscriber));
    try {
      await this.listener.listen(topic.channel, opts.signal);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    subscriber.ready = true;
    return unsubscribe;
  }

  /**
   * The same subscription as an async iterator with a bounded buffer (see
   * EventStream), live when this resolves. It ends when `signal` aborts, when
   * the consumer leaves its `for await`, or when the bus closes. Open it
   * before reading what it follows, so nothing committed in between is lost;
   * on a gap, read again.
   */
  async stream<T>(organizationId: string, topic: Topic<T>, opts: { signal?: AbortSignal; bufferSize?: number } = {}): Promise<EventStream<T>> {
    return (await this.streamAll(organizationId, [topic as Topic<unknown>], opts)) as EventStream<T>;
  }

  /**
   * Several topics as one stream, in the order the bus hears them (one tab's
   * whole live feed: a browser holds few connections per server). Tell the
   * events apart with `isEventOf`.
   */
  async streamAll(
    organizationId: string,
    topics: readonly Topic<unknown>[],
    opts: { signal?: AbortSignal; bufferSize?: number } = {},
  ): Promise<EventStream<unknown>> {
    const unsubscribes: (() => void)[] = [];
    const onAbort = () => stream.end();
    const stream = new EventStream<unknown>(opts.bufferSize ?? DEFAULT_STREAM_BUFFER, () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
      opts.signal?.removeEventListener("abort", onAbort);
      this.streams.delete(stream);
    });
    try {
      for (const topic of topics) unsubscribes.push(await this.subscribe(organizationId, topic, (item) => stream.push(item), { signal: opts.signal }));
    } catch (error) {
      stream.end();
      throw error;
    }
    this.streams.add(stream);
    if (opts.signal?.aborted) stream.end();
    else opts.signal?.addEventListener("abort", onAbort, { once: true });
    return stream;
  }

  /** Live subscriptions and LISTENed channels, to check that nothing leaks. */
  async stats(): Promise<{ subscribers: number; streams: number; channels: string[] }> {
    let subscribers = 0;
    for (const channel of this.channels.values()) for (const set of channel.byOrganization.values()) subscribers += set.size;
    return { subscribers, streams: this.streams.size, channels: await this.listener.listeningChannels() };
  }

  /** Ends every stream and the listening connection. */
  async close(): Promise<void> {
    this.closed = true;
    for (const stream of [...this.streams]) stream.end();
    this.channels.clear();
    await this.listener.close();
  }

  private remove(channelName: string, organizationId: string, subscriber: Subscriber): void {
    const channel = this.channels.get(channelName);
    const set = channel?.byOrganization.get(organizationId);
    if (!channel || !set) return;
    set.delete(subscriber);
    if (set.size > 0) return;
    channel.byOrganization.delete(organizationId);
    if (channel.byOrganization.size > 0) return;
    this.channels.delete(channelName);
    this.listener.unlisten(channelName);
  }

  private deliver(channelName: string, payload: string): void {
    const channel = this.channels.get(channelName);
    if (!channel) return;
    let envelope: EventEnvelope;
    try {
      envelope = EventEnvelope.parse(JSON.parse(payload));
    } catch (error) {
      console.error(`Event bus: ignored a malformed notification on ${channelName}.`, error);
      return;
    }
    const subscribers = channel.byOrganization.get(envelope.organizationId);
    if (!subscribers) return;
    const data = channel.topic.data.safeParse(envelope.data);
    if (!data.success) {
      console.error(`Event bus: ignored event ${envelope.id} on ${channelName}: its data does not match the topic.`, data.error);
      return;
    }
    const event = { type: "event" as const, id: envelope.id, organizationId: envelope.organizationId, topic: channel.topic.name, data: data.data };
    for (const subscriber of [...subscribers]) call(subscriber, event);
  }

  private announceGap(channelName: string): void {
    const channel = this.channels.get(channelName);
    if (!channel) return;
    for (const set of channel.byOrganization.values()) {
      for (const subscriber of [...set]) if (subscriber.ready) call(subscriber, { type: "gap" });
    }
  }
}

function call(subscriber: Subscriber, item: BusItem<unknown>): void {
  try {
    subscriber.handler(item);
  } catch (error) {
    console.error("Event bus: a subscriber failed on an event.", error);
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

// One bus per process; kept on globalThis so hot reload in `next dev` reuses it.
const holder = globalThis as typeof globalThis & { awanEventBus?: EventBus };

export function getEventBus(): EventBus {
  holder.awanEventBus ??= new EventBus({ databaseUrl: getConfig().databaseUrl, name: String(process.pid) });
  return holder.awanEventBus;
}
