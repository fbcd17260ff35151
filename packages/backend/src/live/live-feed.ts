import { withTenantScope, type Database, type ScopedDb } from "@awan/db";
import { chatMembershipChanged, chatMessageChanged, chatReadMoved, chatTyping } from "../chat/chat-events";
import { joinDefaultChannel } from "../chat/default-channel";
import { forViewer } from "../chat/messages";
import { getEventBus } from "../events/event-bus";
import { isEventOf } from "../events/topic";
import { notificationsChanged } from "../notifications/notification-events";
import { presenceChanged, type PersonPresence } from "../presence/presence-events";
import type { Actor } from "../tenancy/memberships";
import { readableChannelIds } from "./channel-set";
import { trackPresence } from "./presence-tracking";
import { loadChangedMessage } from "./shared-message-loads";

type ViewedMessage = ReturnType<typeof forViewer>;

/**
 * What one tab hears. `ready` comes first on every (re)connection: the tab
 * reloads what it shows then, which is how nothing missed while it was away
 * is lost (and merging by id keeps anything from showing twice). `resync` says
 * the server may have missed events itself: reload too.
 */
export type LiveEvent =
  | { type: "ready" }
  | { type: "resync" }
  | { type: "message"; message: ViewedMessage }
  | { type: "channels" }
  | { type: "typing"; channelId: string; userId: string; name: string }
  | { type: "presence"; presence: PersonPresence }
  | { type: "notifications" };

const TOPICS = [chatMessageChanged, chatMembershipChanged, chatTyping, chatReadMoved, presenceChanged, notificationsChanged] as const;
/** Channel access is re-read this often too, so someone removed from the organization stops hearing it. */
const RECHECK_MS = 60_000;

/**
 * One tab's live feed for its organization: chat messages of the channels the
 * person can read (new, edited, deleted, reacted to), channel list changes,
 * typing, read positions of their other tabs, presence and notifications.
 * One stream per tab, since a browser keeps only six connections per server.
 */
export async function* liveFeed(db: Database, actor: Actor, signal?: AbortSignal): AsyncGenerator<LiveEvent> {
  const read = <T>(work: (tx: ScopedDb) => Promise<T>) => withTenantScope(db, { organizationId: actor.organizationId, userId: actor.userId }, work);
  // Live before the first read: whatever commits from here on is heard.
  const stream = await getEventBus().streamAll(actor.organizationId, TOPICS, { signal });
  const presence = trackPresence(db, actor);
  try {
    // In #general from the first moment, as chat.channels would put them: its messages are theirs.
    let channels = await read(async (tx) => {
      await joinDefaultChannel({ tx, actor });
      return readableChannelIds(tx, actor);
    });
    let checkedAt = Date.now();
    const recheck = async () => {
      channels = await read((tx) => readableChannelIds(tx, actor));
      checkedAt = Date.now();
    };
    yield { type: "ready" };
    for await (const item of stream) {
      if (Date.now() - checkedAt > RECHECK_MS) await recheck();
      if (item.type === "gap") {
        await recheck();
        yield { type: "resync" };
      } else if (isEventOf(item, chatMessageChanged)) {
        if (!channels.has(item.data.channelId)) continue;
        const opened = await loadChangedMessage(db, actor.organizationId, item.id, item.data.messageId);
        if (opened) yield { type: "message", message: forViewer(opened, actor.userId) };
      } else if (isEventOf(item, chatMembershipChanged)) {
        if (!item.data.userIds.includes(actor.userId)) continue;
        await recheck();
        yield { type: "channels" };
      } else if (isEventOf(item, chatTyping)) {
        if (channels.has(item.data.channelId) && item.data.userId !== actor.userId) yield { type: "typing", ...item.data };
      } else if (isEventOf(item, chatReadMoved)) {
        if (item.data.userId === actor.userId) yield { type: "channels" };
      } else if (isEventOf(item, presenceChanged)) {
        yield { type: "presence", presence: item.data };
      } else if (isEventOf(item, notificationsChanged)) {
        if (item.data.userId === actor.userId) yield { type: "notifications" };
      }
    }
  } finally {
    await stream.return();
    presence.stop();
  }
}
