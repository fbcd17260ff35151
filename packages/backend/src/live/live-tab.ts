import { withTenantScope, type Database, type ScopedDb } from "@awan/db";
import { joinDefaultChannel } from "../chat/default-channel";
import type { Actor } from "../tenancy/memberships";
import { readableChannelIds } from "./channel-set";
import type { PreparedEvent } from "./live-events";

/** Where a tab's events go: a tRPC subscription's queue, or an HTTP response written directly. */
export type LiveSink = {
  deliver(event: PreparedEvent): void;
  /** The feed cannot go on (it fell behind): end the stream; the tab reconnects and reloads. */
  close(): void;
};

/** Channel access is re-read this often too: a change that sent no event (a workspace's members, say) shows within this. */
const RECHECK_MS = 60_000;

/** One open tab: who it is, which channels' messages it may hear, and where its events go. */
export class LiveTab {
  channels = new Set<string>();
  /** How many of its organization's bus items had been read when it joined (see OrganizationFeed.join). */
  joinedAfter = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    readonly actor: Actor,
    readonly sink: LiveSink,
  ) {}

  private read<T>(work: (tx: ScopedDb) => Promise<T>): Promise<T> {
    return withTenantScope(this.db, { organizationId: this.actor.organizationId, userId: this.actor.userId }, work);
  }

  /** Puts the person in #general, as opening Chat would (its messages are theirs), and reads their channels. */
  async start(): Promise<void> {
    this.channels = await this.read(async (tx) => {
      await joinDefaultChannel({ tx, actor: this.actor });
      return readableChannelIds(tx, this.actor);
    });
    this.timer = setInterval(() => void this.recheck().catch((error: unknown) => console.error("Live feed: could not re-read channels.", error)), RECHECK_MS);
    this.timer.unref();
  }

  async recheck(): Promise<void> {
    this.channels = await this.read((tx) => readableChannelIds(tx, this.actor));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
