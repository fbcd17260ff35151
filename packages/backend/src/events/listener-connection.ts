import { createRawConnection, type RawConnection } from "@awan/db";

export type ListenerOptions = {
  url: string;
  /** Names the connection in pg_stat_activity. */
  applicationName: string;
  onNotification: (channel: string, payload: string) => void;
  /** The channel was listened to before a drop and is again: what came meanwhile is lost. */
  onGap: (channel: string) => void;
  /** First wait before reconnecting; doubles per failure up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A connection that does not answer a ping within `heartbeatTimeoutMs` is given up. */
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
};

/**
 * The process's one connection that LISTENs. It keeps LISTENing to the
 * channels someone wants, reconnects with backoff when the connection drops
 * (the server restarted, an admin ended it, the network went away) and then
 * LISTENs again.
 */
export class ListenerConnection {
  private client: RawConnection | null = null;
  private readonly wanted = new Set<string>();
  /** Channels LISTENed on the current connection (a new set per connection). */
  private listened = new Set<string>();
  /** Listened before a drop; each gets a gap before its first event after it. */
  private gapPending = new Set<string>();
  /** LISTEN/UNLISTEN run one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  private connectedWaiters: (() => void)[] = [];
  /** Ends the wait on the current connection, so that the loop makes a new one. */
  private giveUp: (reason: unknown) => void = () => undefined;
  private closed = false;
  private readonly wakeOnClose = new AbortController();
  private readonly loop: Promise<void>;

  constructor(private readonly opts: ListenerOptions) {
    this.loop = this.run();
  }

  /** Resolves once this connection LISTENs to `channel`; waits through a reconnection. */
  async listen(channel: string, signal?: AbortSignal): Promise<void> {
    this.wanted.add(channel);
    for (;;) {
      if (this.closed) throw new Error("The event bus is closed.");
      signal?.throwIfAborted();
      const client = this.client;
      if (!client) {
        await this.untilConnected(signal);
        continue;
      }
      try {
        await this.reconcile();
      } catch (error) {
        // LISTEN of a checked name fails only with its connection: start a new one.
        this.abandon(client, error);
        continue;
      }
      if (this.client === client && this.listened.has(channel)) return;
    }
  }

  unlisten(channel: string): void {
    this.wanted.delete(channel);
    this.reconcile().catch(() => {
      // The connection dropped; the next one LISTENs only to what is wanted.
    });
  }

  /** Channels LISTENed on the live connection, as PostgreSQL reports them. */
  async listeningChannels(): Promise<string[]> {
    if (!this.client) return [];
    const { rows } = await this.client.query<{ channel: string }>("SELECT pg_listening_channels() AS channel");
    return rows.map((r) => r.channel).sort();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeOnClose.abort();
    await this.client?.end().catch(() => undefined);
    await this.loop;
  }

  private reconcile(): Promise<void> {
    const run = this.queue.then(async () => {
      const client = this.client;
      const listened = this.listened;
      if (!client) return;
      for (const channel of this.wanted) {
        if (listened.has(channel)) continue;
        await client.query(`LISTEN "${channel}"`);
        listened.add(channel);
        if (this.gapPending.delete(channel)) this.opts.onGap(channel);
      }
      for (const channel of [...listened]) {
        if (this.wanted.has(channel)) continue;
        await client.query(`UNLISTEN "${channel}"`);
        listened.delete(channel);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops using `client` at once: its channels are owed a gap, its late notifications are ignored. */
  private abandon(client: RawConnection, reason: unknown): void {
    if (this.client !== client) return;
    for (const channel of this.listened) this.gapPending.add(channel);
    this.client = null;
    this.listened = new Set();
    this.giveUp(reason);
  }

  private untilConnected(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.connectedWaiters.push(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
    });
  }

  private wakeWaiters(): void {
    const waiters = this.connectedWaiters;
    this.connectedWaiters = [];
    for (const wake of waiters) wake();
  }

  private async run(): Promise<void> {
    const minBackoff = this.opts.minBackoffMs ?? 100;
    const maxBackoff = this.opts.maxBackoffMs ?? 10_000;
    let failures = 0;
    while (!this.closed) {
      const client = createRawConnection(this.opts.url, { applicationName: this.opts.applicationName });
      let giveUp: (reason: unknown) => void = () => undefined;
      const dropped = new Promise<unknown>((resolve) => {
        giveUp = resolve;
        this.giveUp = resolve;
        client.on("error", resolve);
        client.on("end", () => resolve(new Error("connection ended")));
      });
      const onClose = () => giveUp(new Error("closed"));
      this.wakeOnClose.signal.addEventListener("abort", onClose, { once: true });
      client.on("notification", (n) => {
        if (this.client !== client || n.payload === undefined) return;
        // An event can arrive in the same packet as LISTEN's reply: its gap comes first.
        if (this.gapPending.delete(n.channel)) this.opts.onGap(n.channel);
        this.opts.onNotification(n.channel, n.payload);
      });
      let heartbeat: NodeJS.Timeout | undefined;
      try {
        await Promise.race([client.connect(), dropped.then((reason) => Promise.reject(reason))]);
        if (this.closed) throw new Error("closed");
        this.client = client;
        this.listened = new Set();
        await this.reconcile();
        failures = 0;
        this.wakeWaiters();
        heartbeat = this.startHeartbeat(client, giveUp);
        const reason = await dropped;
        if (!this.closed) console.warn(`Event bus: the listening connection dropped (${describe(reason)}); reconnecting.`);
      } catch (error) {
        if (!this.closed) console.warn(`Event bus: cannot connect the listening connection (${describe(error)}); retrying.`);
      } finally {
        clearInterval(heartbeat);
        this.wakeOnClose.signal.removeEventListener("abort", onClose);
      }
      this.abandon(client, null);
      client.end().catch(() => undefined);
      if (this.closed) break;
      const wait = Math.min(maxBackoff, minBackoff * 2 ** failures) * (0.5 + Math.random() / 2);
      failures++;
      await sleep(wait, this.wakeOnClose.signal);
    }
    this.wakeWaiters(); // a pending listen() then sees the bus closed
  }

  /** A connection that silently died (no FIN, no RST) would otherwise look alive forever. */
  private startHeartbeat(client: RawConnection, giveUp: (reason: unknown) => void): NodeJS.Timeout {
    const every = this.opts.heartbeatMs ?? 30_000;
    const timeout = this.opts.heartbeatTimeoutMs ?? 10_000;
    const timer = setInterval(() => {
      const late = setTimeout(() => giveUp(new Error(`no answer to a ping within ${timeout} ms`)), timeout);
      late.unref();
      client.query("SELECT 1").then(
        () => clearTimeout(late),
        (error: unknown) => {
          clearTimeout(late);
          giveUp(error);
        },
      );
    }, every);
    timer.unref();
    return timer;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const wake = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", wake);
      resolve();
    }, ms);
    signal.addEventListener("abort", wake, { once: true });
  });
}

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
