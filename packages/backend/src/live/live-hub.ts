import type { Database } from "@awan/db";
import type { Actor } from "../tenancy/memberships";
import { READY } from "./live-events";
import { LiveTab, type LiveSink } from "./live-tab";
import { OrganizationFeed } from "./organization-feed";
import { trackPresence } from "./presence-tracking";

/** An organization's feed stays this long after its last tab closes, so reloads do not resubscribe. */
const IDLE_CLOSE_MS = 30_000;

const holder = globalThis as typeof globalThis & { awanLiveFeeds?: Map<string, Promise<OrganizationFeed>> };
const feeds = (holder.awanLiveFeeds ??= new Map());

function feedOf(db: Database, organizationId: string): Promise<OrganizationFeed> {
  let feed = feeds.get(organizationId);
  if (!feed) {
    feed = OrganizationFeed.open(db, organizationId);
    feeds.set(organizationId, feed);
    feed.catch(() => feeds.delete(organizationId));
  }
  return feed;
}

function closeWhenIdle(feed: OrganizationFeed): void {
  setTimeout(() => {
    if (feed.tabs.size > 0 || feeds.get(feed.organizationId) === undefined) return;
    feeds.delete(feed.organizationId);
    feed.close();
  }, IDLE_CLOSE_MS).unref();
}

/**
 * Opens one tab's live feed: `ready` is its first event, then everything of
 * its organization it may hear, until `close()`. While it is open its person
 * is present (see trackPresence).
 */
export async function openLiveTab(db: Database, actor: Actor, sink: LiveSink): Promise<{ close(): void }> {
  const feed = await feedOf(db, actor.organizationId);
  const tab = new LiveTab(db, actor, sink);
  try {
    await tab.start();
  } catch (error) {
    if (feed.tabs.size === 0) closeWhenIdle(feed);
    throw error;
  }
  feed.join(tab);
  sink.deliver(READY);
  const presence = trackPresence(db, actor);
  let open = true;
  return {
    close() {
      if (!open) return;
      open = false;
      tab.stop();
      feed.tabs.delete(tab);
      presence.stop();
      if (feed.tabs.size === 0) closeWhenIdle(feed);
    },
  };
}
