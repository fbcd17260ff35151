import type { ScopedDb } from "@awan/db";
import { publishEvent } from "../events/publish-event";
import type { Actor } from "../tenancy/memberships";
import { presenceChanged, type PersonPresence, type PresenceState } from "./presence-events";

/** An open live feed refreshes lastSeenAt this often; missing two of them means offline. */
export const SEEN_INTERVAL_MS = 30_000;
const OFFLINE_AFTER_MS = 2.5 * SEEN_INTERVAL_MS;
/** No use of any tab for this long: away. */
export const AWAY_AFTER_MS = 5 * 60_000;

type PresenceRow = { userId: string; lastSeenAt: Date; lastActiveAt: Date; statusEmoji: string; statusText: string };
const PRESENCE_SELECT = { userId: true, lastSeenAt: true, lastActiveAt: true, statusEmoji: true, statusText: true } as const;

export function presenceState(row: Pick<PresenceRow, "lastSeenAt" | "lastActiveAt"> | null, now: Date): PresenceState {
  if (!row || now.getTime() - row.lastSeenAt.getTime() >= OFFLINE_AFTER_MS) return "offline";
  return now.getTime() - row.lastActiveAt.getTime() >= AWAY_AFTER_MS ? "away" : "online";
}

function shown(row: PresenceRow, now: Date): PersonPresence {
  return { userId: row.userId, state: presenceState(row, now), statusEmoji: row.statusEmoji, statusText: row.statusText };
}

/** Everyone in the organization who has been seen, with their state now. */
export async function listPresence(tx: ScopedDb, actor: Actor, now = new Date()): Promise<PersonPresence[]> {
  const rows = await tx.presence.findMany({ where: { organizationId: actor.organizationId }, select: PRESENCE_SELECT });
  return rows.map((row) => shown(row, now));
}

/**
 * Changes the actor's presence row and tells the organization when what others
 * see changed. `change` gets the row before (null: never seen) and says what
 * to write.
 */
async function updatePresence(
  tx: ScopedDb,
  actor: Actor,
  now: Date,
  change: (before: PresenceRow | null) => Partial<Omit<PresenceRow, "userId">>,
): Promise<PersonPresence> {
  const key = { organizationId_userId: { organizationId: actor.organizationId, userId: actor.userId } };
  // Locked, so two tabs reporting at once compare against each other's writes.
  await tx.$executeRaw`SELECT 1 FROM "Presence" WHERE "organizationId" = ${actor.organizationId}::uuid AND "userId" = ${actor.userId}::uuid FOR UPDATE`;
  const before = await tx.presence.findUnique({ where: key, select: PRESENCE_SELECT });
  const data = change(before);
  const after = await tx.presence.upsert({
    where: key,
    create: { organizationId: actor.organizationId, userId: actor.userId, lastSeenAt: now, lastActiveAt: now, ...data },
    update: data,
    select: PRESENCE_SELECT,
  });
  const seen = shown(after, now);
  const was = before ? shown(before, now) : null;
  if (!was || was.state !== seen.state || was.statusEmoji !== seen.statusEmoji || was.statusText !== seen.statusText) {
    await publishEvent(tx, presenceChanged, { organizationId: actor.organizationId, data: seen });
  }
  return seen;
}

/** A live feed is open (called when it opens and every SEEN_INTERVAL_MS). */
export function markSeen(tx: ScopedDb, actor: Actor, now = new Date()): Promise<PersonPresence> {
  return updatePresence(tx, actor, now, () => ({ lastSeenAt: now }));
}

/**
 * The periodic "still here" of everyone with a live feed open in this process,
 * in one statement: people still online only have lastSeenAt moved, which
 * changes nothing others see. Returns those it refreshed; anyone else (never
 * seen, or offline since) is for markSeen, which tells the organization.
 */
export async function refreshSeen(tx: ScopedDb, organizationId: string, userIds: string[], now = new Date()): Promise<Set<string>> {
  const onlineSince = new Date(now.getTime() - OFFLINE_AFTER_MS);
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    UPDATE "Presence" SET "lastSeenAt" = ${now}
    WHERE "organizationId" = ${organizationId}::uuid AND "userId" = ANY(${userIds}::uuid[]) AND "lastSeenAt" > ${onlineSince}
    RETURNING "userId"`;
  return new Set(rows.map((r) => r.userId));
}

/**
 * The last live feed of this person in this process closed: offline, unless
 * another tab says otherwise. Null for someone with no presence to change:
 * never seen, or no longer a member (their row went with their membership).
 */
export async function markGone(tx: ScopedDb, actor: Actor, now = new Date()): Promise<PersonPresence | null> {
  const seen = await tx.presence.count({ where: { organizationId: actor.organizationId, userId: actor.userId } });
  return seen === 0 ? null : updatePresence(tx, actor, now, () => ({ lastSeenAt: new Date(now.getTime() - OFFLINE_AFTER_MS) }));
}

/**
 * A tab reports use: `idleMs` since its last keystroke or pointer move. The
 * most recent use across tabs wins, so one idle tab does not make an active
 * person away. Also counts as seen.
 */
export function reportActivity(tx: ScopedDb, actor: Actor, idleMs: number, now = new Date()): Promise<PersonPresence> {
  const usedAt = new Date(now.getTime() - idleMs);
  return updatePresence(tx, actor, now, (before) => ({
    lastSeenAt: now,
    lastActiveAt: before && before.lastActiveAt > usedAt ? before.lastActiveAt : usedAt,
  }));
}

/** A custom status ("🌴 On holiday"); empty clears it. */
export function setStatus(tx: ScopedDb, actor: Actor, status: { emoji: string; text: string }, now = new Date()): Promise<PersonPresence> {
  return updatePresence(tx, actor, now, () => ({ statusEmoji: status.emoji, statusText: status.text }));
}
