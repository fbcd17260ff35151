import { withTenantScope, type Database } from "@awan/db";
import { chatMembershipChanged, chatMessageChanged, chatReadMoved, chatTyping } from "../chat/chat-events";
import { forViewer, MESSAGE_SELECT, openMessages, type OpenedMessage } from "../chat/messages";
import { getEventBus } from "../events/event-bus";
import type { EventStream } from "../events/event-stream";
import { isEventOf, type BusItem } from "../events/topic";
import { mailMessageStored } from "../mail/mail-events";
import { notificationsChanged } from "../notifications/notification-events";
import { presenceChanged } from "../presence/presence-events";
import { membershipChanged } from "../tenancy/membership-events";
import { CHANNELS, NOTIFICATIONS, PreparedEvent, RESYNC } from "./live-events";
import type { LiveTab } from "./live-tab";

const TOPICS = [chatMessageChanged, chatMembershipChanged, chatTyping, chatReadMoved, presenceChanged, notificationsChanged, mailMessageStored, membershipChanged] as const;
/** The feed's own bus buffer: one reader for the whole process, so it may hold a burst. */
const BUFFER = 100_000;

/** A step of the feed: delivers one bus item to the tabs it concerns, in the order the items came. */
type Delivery = () => void | Promise<void>;

/**
 * One organization's events for every tab of it open in this process: one
 * bus subscription, each changed message read and decrypted once, and each
 * event serialized once per distinct view of it (PreparedEvent), however many
 * tabs get it. Reads for later items start while earlier ones are delivered;
 * deliveries keep the bus's order.
 */
export class OrganizationFeed {
  readonly tabs = new Set<LiveTab>();
  private delivered: Promise<void> = Promise.resolve();
  /** Bus items read so far. A tab hears only items read after it joined: what came before, its reload after `ready` shows. */
  private itemsRead = 0;

  private constructor(
    private readonly db: Database,
    readonly organizationId: string,
    private readonly stream: EventStream<unknown>,
  ) {}

  /** Live when this resolves: whatever commits from here on is heard. */
  static async open(db: Database, organizationId: string): Promise<OrganizationFeed> {
    const stream = await getEventBus().streamAll(organizationId, TOPICS, { bufferSize: BUFFER });
    const feed = new OrganizationFeed(db, organizationId, stream);
    void feed.run();
    return feed;
  }

  close(): void {
    void this.stream.return();
  }

  private async run(): Promise<void> {
    try {
      for await (const item of this.stream) {
        this.itemsRead += 1;
        const deliver = this.prepare(item, this.itemsRead);
        this.delivered = this.delivered.then(deliver).catch((error: unknown) => console.error("Live feed: an event could not be delivered.", error));
      }
    } catch (error) {
      // The bus dropped this feed (it fell a whole buffer behind): every tab reconnects and reloads.
      console.error("Live feed: stopped.", error);
      for (const tab of this.tabs) tab.sink.close();
    }
  }

  /** Adds a tab; it hears the items read from now on. */
  join(tab: LiveTab): void {
    tab.joinedAfter = this.itemsRead;
    this.tabs.add(tab);
  }

  /** The tabs that were there when item `n` was read. */
  private tabsFor(n: number): LiveTab[] {
    return [...this.tabs].filter((tab) => tab.joinedAfter < n);
  }

  private prepare(item: BusItem<unknown>, n: number): Delivery {
    if (item.type === "gap") {
      return async () => {
        await Promise.all(this.tabsFor(n).map((tab) => tab.recheck()));
        this.toTabs(n, () => true, RESYNC);
      };
    }
    if (isEventOf(item, chatMessageChanged)) {
      const { channelId, messageId } = item.data;
      // Caught here, so a failed read cannot stop the steps after it; its tabs reload instead of missing it.
      const load = this.loadMessage(messageId).then(
        (opened) => ({ opened }),
        (error: unknown) => ({ error }),
      );
      return async () => {
        const loaded = await load;
        if ("error" in loaded) {
          console.error("Live feed: a changed message could not be read; its readers reload.", loaded.error);
          this.toTabs(n, (tab) => tab.channels.has(channelId), RESYNC);
        } else if (loaded.opened) {
          this.deliverMessage(n, channelId, loaded.opened);
        }
      };
    }
    if (isEventOf(item, chatMembershipChanged)) {
      const { everyone } = item.data;
      const concerned = new Set(item.data.userIds);
      return async () => {
        const tabs = this.tabsFor(n).filter((tab) => everyone || concerned.has(tab.actor.userId));
        await Promise.all(tabs.map((tab) => tab.recheck()));
        for (const tab of tabs) tab.sink.deliver(CHANNELS);
      };
    }
    if (isEventOf(item, membershipChanged)) {
      const { userId } = item.data;
      return () => {
        for (const tab of this.tabsFor(n)) {
          if (tab.actor.userId !== userId) continue;
          this.tabs.delete(tab); // hears nothing more; its person reconnects as who they are now
          tab.sink.close();
        }
      };
    }
    if (isEventOf(item, chatTyping)) {
      const { channelId, userId } = item.data;
      const event = new PreparedEvent({ type: "typing", ...item.data });
      return () => this.toTabs(n, (tab) => tab.channels.has(channelId) && tab.actor.userId !== userId, event);
    }
    if (isEventOf(item, chatReadMoved)) {
      const { userId } = item.data;
      return () => this.toTabs(n, (tab) => tab.actor.userId === userId, CHANNELS);
    }
    if (isEventOf(item, presenceChanged)) {
      const event = new PreparedEvent({ type: "presence", presence: item.data });
      return () => this.toTabs(n, () => true, event);
    }
    if (isEventOf(item, notificationsChanged)) {
      const { userId } = item.data;
      return () => this.toTabs(n, (tab) => tab.actor.userId === userId, NOTIFICATIONS);
    }
    if (isEventOf(item, mailMessageStored)) {
      const { mailboxId, folderId } = item.data;
      const readers = this.mailboxReaders(mailboxId);
      const event = new PreparedEvent({ type: "mail", mailboxId, folderId });
      return async () => {
        const userIds = await readers;
        this.toTabs(n, (tab) => userIds.has(tab.actor.userId), event);
      };
    }
    return () => undefined;
  }

  /** Who reads a mailbox (its owner, a shared one's members): their tabs hear of new mail in it. */
  private mailboxReaders(mailboxId: string): Promise<Set<string>> {
    return withTenantScope(this.db, { organizationId: this.organizationId }, async (tx) => {
      const mailbox = await tx.mailbox.findFirst({
        where: { id: mailboxId, organizationId: this.organizationId },
        select: { userId: true, members: { select: { userId: true } } },
      });
      return new Set([...(mailbox?.userId ? [mailbox.userId] : []), ...(mailbox?.members.map((m) => m.userId) ?? [])]);
    });
  }

  private toTabs(n: number, wanted: (tab: LiveTab) => boolean, event: PreparedEvent): void {
    for (const tab of this.tabsFor(n)) if (wanted(tab)) tab.sink.deliver(event);
  }

  /** Each tab that reads the channel gets the message as its person sees it; most people see it alike, so one serialization serves them. */
  private deliverMessage(n: number, channelId: string, opened: OpenedMessage): void {
    const views = new Map<string, PreparedEvent>();
    for (const tab of this.tabsFor(n)) {
      if (!tab.channels.has(channelId)) continue;
      const userId = tab.actor.userId;
      const view = viewKey(opened, userId);
      let event = views.get(view);
      if (!event) {
        event = new PreparedEvent({ type: "message", message: forViewer(opened, userId) });
        views.set(view, event);
      }
      tab.sink.deliver(event);
    }
  }

  /** The message as stored now, read in the organization's scope (each tab's access is checked by its channel set). */
  private loadMessage(messageId: string): Promise<OpenedMessage | null> {
    return withTenantScope(this.db, { organizationId: this.organizationId }, async (tx) => {
      const row = await tx.message.findFirst({ where: { id: messageId, organizationId: this.organizationId }, select: MESSAGE_SELECT });
      return row ? ((await openMessages(tx, this.organizationId, [row]))[0] ?? null) : null;
    });
  }
}

/** What makes one person's view of a message differ from another's: being its author, and their own reactions. */
function viewKey(message: OpenedMessage, userId: string): string {
  const own = message.reactedBy.filter((r) => r.userId === userId).map((r) => r.emoji);
  return `${message.author?.id === userId ? "author" : ""}|${own.join(",")}`;
}
