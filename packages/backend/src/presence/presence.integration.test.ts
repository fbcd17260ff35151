import crypto from "node:crypto";
import { withTenantScope } from "@awan/db";
import { describe, expect, it } from "vitest";
import { newChatTeam } from "../chat/testing/chat-fixture";
import { getDatabase } from "../db";
import type { Actor } from "../tenancy/memberships";
import { AWAY_AFTER_MS, listPresence, markSeen, refreshSeen, reportActivity, SEEN_INTERVAL_MS } from "./presence";

const minutes = (n: number) => n * 60_000;

describe("presence", () => {
  it("is online while seen and used, away when no tab was used for a while, offline when no tab is open", async () => {
    const { owner } = await newChatTeam();
    const actor: Actor = { organizationId: owner.organizationId, userId: owner.userId, role: "OWNER" };
    const run = <T>(work: Parameters<typeof withTenantScope<T>>[2]) => withTenantScope(getDatabase(), actor, work);
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);

    expect(await run((tx) => markSeen(tx, actor, t0))).toMatchObject({ state: "online" });
    // One tab idle for longer than the limit, another used a minute ago: the recent use wins.
    await run((tx) => reportActivity(tx, actor, 0, at(minutes(5))));
    expect(await run((tx) => reportActivity(tx, actor, minutes(6), at(minutes(6))))).toMatchObject({ state: "online" });
    // Nobody used any tab since: away.
    expect(await run((tx) => reportActivity(tx, actor, AWAY_AFTER_MS + 1000, at(minutes(5) + AWAY_AFTER_MS + 1000)))).toMatchObject({ state: "away" });
    // No feed refreshed "seen" for three intervals: offline.
    const later = at(minutes(5) + AWAY_AFTER_MS + 1000 + 3 * SEEN_INTERVAL_MS);
    expect((await run((tx) => listPresence(tx, actor, later))).find((p) => p.userId === owner.userId)).toMatchObject({ state: "offline" });
  });

  it("refreshes everyone still online in one statement, and leaves whoever went offline or was never seen to markSeen", async () => {
    const { owner, colleague } = await newChatTeam();
    const organizationId = owner.organizationId;
    const run = <T>(work: Parameters<typeof withTenantScope<T>>[2]) => withTenantScope(getDatabase(), { organizationId }, work);
    const actorOf = (userId: string): Actor => ({ organizationId, userId, role: "MEMBER" });
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    await run((tx) => markSeen(tx, actorOf(owner.userId), t0));
    await run((tx) => markSeen(tx, actorOf(colleague.userId), at(-3 * SEEN_INTERVAL_MS))); // offline by t0 + 1 interval
    const stranger = crypto.randomUUID();

    const refreshed = await run((tx) => refreshSeen(tx, organizationId, [owner.userId, colleague.userId, stranger], at(SEEN_INTERVAL_MS)));
    expect([...refreshed]).toEqual([owner.userId]);
    // Refreshed: still online three intervals after t0, where without it they would be offline.
    const shown = await run((tx) => listPresence(tx, actorOf(owner.userId), at(3 * SEEN_INTERVAL_MS)));
    expect(shown.find((p) => p.userId === owner.userId)).toMatchObject({ state: "online" });
    expect(shown.find((p) => p.userId === colleague.userId)).toMatchObject({ state: "offline" });
  });

  it("refuses a status with line breaks and keeps the old one", async () => {
    const { owner } = await newChatTeam();
    await owner.caller.presence.setStatus({ emoji: "🏠", text: "Working from home" });
    await expect(owner.caller.presence.setStatus({ emoji: "", text: "two\nlines" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await owner.caller.presence.list()).find((p) => p.userId === owner.userId)).toMatchObject({ statusEmoji: "🏠", statusText: "Working from home" });
  });
});
