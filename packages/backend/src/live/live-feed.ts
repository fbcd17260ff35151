import type { Database } from "@awan/db";
import { DomainError, ErrorCode } from "../errors";
import { BoundedQueue } from "../events/event-stream";
import type { Actor } from "../tenancy/memberships";
import type { LiveEvent } from "./live-events";
import { openLiveTab } from "./live-hub";

export type { LiveEvent } from "./live-events";

/** Events one tab may have waiting before it is dropped (it then reconnects and reloads). */
const TAB_BUFFER = 1_024;

/**
 * One tab's live feed as a tRPC subscription: chat messages of the channels
 * the person can read (new, edited, deleted, reacted to), channel list
 * changes, typing, read positions of their other tabs, presence and
 * notifications. One stream per tab, since a browser keeps only six
 * connections per server. The console's own server serves the same feed
 * without tRPC's per-event work (live-feed-http.ts); this is the path for
 * everything else, tests included.
 */
export async function* liveFeed(db: Database, actor: Actor, signal?: AbortSignal): AsyncGenerator<LiveEvent> {
  const queue = new BoundedQueue<LiveEvent>(TAB_BUFFER, () => undefined);
  const tab = await openLiveTab(db, actor, {
    deliver: (event) => queue.push(event.value),
    // An error, not an end: the client reconnects after an error, and stops after an end.
    close: () => queue.fail(new DomainError(ErrorCode.UNAVAILABLE, "Live updates were interrupted. Reload to catch up.")),
  });
  const stop = () => queue.end();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    yield* queue;
  } finally {
    signal?.removeEventListener("abort", stop);
    queue.end();
    tab.close();
  }
}
