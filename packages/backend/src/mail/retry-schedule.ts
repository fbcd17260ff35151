const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** Waits after the 1st, 2nd, ... failed attempt; the last one repeats. */
const BACKOFF_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 4 * HOUR, 8 * HOUR];

/** How long a message may wait for its recipients before they are given up (as other MTAs do, 4 days). */
export const OUTBOUND_EXPIRY_MS = 4 * 24 * HOUR;

/** When to try again after `attempts` failed attempts. */
export function nextAttemptAfter(attempts: number, now: Date): Date {
  const wait = BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1]!;
  return new Date(now.getTime() + wait);
}

/** Whether a message queued at `queuedAt` has waited too long to try again at `now`. */
export function hasExpired(queuedAt: Date, now: Date): boolean {
  return now.getTime() - queuedAt.getTime() >= OUTBOUND_EXPIRY_MS;
}
