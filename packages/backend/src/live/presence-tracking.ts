import { withTenantScope, type Database } from "@awan/db";
import { markGone, markSeen, refreshSeen, SEEN_INTERVAL_MS } from "../presence/presence";
import type { Actor } from "../tenancy/memberships";

// Open feeds per person in this process: the last one to close marks them gone,
// after a grace period, so a tab that reconnects (or reloads) does not flap
// everyone's view of it offline and back.
const openFeeds = new Map<string, { actor: Actor; count: number }>();
const goneLater = new Map<string, NodeJS.Timeout>();
const GONE_AFTER_MS = 5_000;
let heartbeat: NodeJS.Timeout | undefined;

function report(db: Database, actor: Actor, work: typeof markSeen | typeof markGone): Promise<unknown> {
  return withTenantScope(db, { organizationId: actor.organizationId, userId: actor.userId }, (tx) => work(tx, actor)).catch((error: unknown) =>
    console.error("Presence: could not record a change.", error),
  );
}

/**
 * Everyone with a feed open here is seen again every SEEN_INTERVAL_MS: one
 * statement per organization, however many tabs (500 open tabs were 17
 * transactions a second), and markSeen only for whoever that missed.
 */
function startHeartbeat(db: Database): void {
  if (heartbeat) return;
  heartbeat = setInterval(() => {
    const byOrganization = new Map<string, Actor[]>();
    for (const { actor } of openFeeds.values()) byOrganization.set(actor.organizationId, [...(byOrganization.get(actor.organizationId) ?? []), actor]);
    if (byOrganization.size === 0) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
    for (const [organizationId, actors] of byOrganization) {
      withTenantScope(db, { organizationId }, (tx) => refreshSeen(tx, organizationId, actors.map((a) => a.userId))).then(
        (refreshed) => Promise.all(actors.filter((a) => !refreshed.has(a.userId)).map((a) => report(db, a, markSeen))),
        (error: unknown) => console.error("Presence: could not refresh who is here.", error),
      );
    }
  }, SEEN_INTERVAL_MS);
  heartbeat.unref();
}

/**
 * While a live feed is open its person is seen: now, and every
 * SEEN_INTERVAL_MS. When their last feed here closes (and stays closed for
 * GONE_AFTER_MS) they are marked gone; a tab of theirs still open elsewhere
 * hears that and says it is still there.
 */
export function trackPresence(db: Database, actor: Actor): { stop(): void } {
  const key = `${actor.organizationId}:${actor.userId}`;
  const open = openFeeds.get(key);
  openFeeds.set(key, { actor, count: (open?.count ?? 0) + 1 });
  clearTimeout(goneLater.get(key));
  goneLater.delete(key);
  void report(db, actor, markSeen);
  startHeartbeat(db);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      const left = (openFeeds.get(key)?.count ?? 1) - 1;
      if (left > 0) {
        openFeeds.set(key, { actor, count: left });
        return;
      }
      openFeeds.delete(key);
      const gone = setTimeout(() => {
        goneLater.delete(key);
        if (!openFeeds.has(key)) void report(db, actor, markGone);
      }, GONE_AFTER_MS);
      gone.unref();
      goneLater.set(key, gone);
    },
  };
}
