import { withTenantScope, type Database } from "@awan/db";
import { markGone, markSeen, SEEN_INTERVAL_MS } from "../presence/presence";
import type { Actor } from "../tenancy/memberships";

// Open feeds per person in this process: the last one to close marks them gone,
// after a grace period, so a tab that reconnects (or reloads) does not flap
// everyone's view of it offline and back.
const openFeeds = new Map<string, number>();
const goneLater = new Map<string, NodeJS.Timeout>();
const GONE_AFTER_MS = 5_000;

/**
 * While a live feed is open its person is seen: now, and every
 * SEEN_INTERVAL_MS. When their last feed here closes (and stays closed for
 * GONE_AFTER_MS) they are marked gone;
 * a tab of theirs still open elsewhere hears that and says it is still there.
 */
export function trackPresence(db: Database, actor: Actor): { stop(): void } {
  const key = `${actor.organizationId}:${actor.userId}`;
  const scope = { organizationId: actor.organizationId, userId: actor.userId };
  const report = (work: typeof markSeen) =>
    withTenantScope(db, scope, (tx) => work(tx, actor)).catch((error: unknown) => console.error("Presence: could not record a change.", error));
  openFeeds.set(key, (openFeeds.get(key) ?? 0) + 1);
  clearTimeout(goneLater.get(key));
  goneLater.delete(key);
  void report(markSeen);
  const timer = setInterval(() => void report(markSeen), SEEN_INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const left = (openFeeds.get(key) ?? 1) - 1;
      if (left > 0) {
        openFeeds.set(key, left);
        return;
      }
      openFeeds.delete(key);
      const gone = setTimeout(() => {
        goneLater.delete(key);
        if (!openFeeds.has(key)) void report(markGone);
      }, GONE_AFTER_MS);
      gone.unref();
      goneLater.set(key, gone);
    },
  };
}
