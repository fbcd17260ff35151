import type { Database } from "@awan/db";

/**
 * Attempts are counted per key within a window, *before* the work they ask
 * for, so a burst of parallel guesses cannot all slip in under the limit:
 * - "account:<email>|<ip>": one account from one address, the tight limit;
 * - "address:<ip>": one address trying many accounts;
 * - "account:<email>": one account from everywhere, a limit ten times
 *   higher, against guessing spread over many addresses.
 * So someone who knows a colleague's address cannot lock them out from
 * their own machine; it takes a botnet. A success forgives the account's
 * counts. Past `slowAfter` attempts on a key that slows, each answer is
 * held back a little longer (the account-wide count does not slow its owner
 * down); at a limit the key is locked and refused (HTTP 429) until the lock
 * ends, even with the right password.
 */
export const THROTTLE_POLICY = {
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
  slowAfter: 3,
  maxDelayMs: 8_000,
  accountLimit: 10,
  accountWideLimit: 100,
  addressLimit: 50,
  signUpLimit: 100,
};

/** A counter: its key, its limit, and whether its count slows answers down (account-wide ones do not). */
export type Throttle = { key: string; limit: number; slows: boolean };
export type Verdict = { allowed: true; delayMs: number } | { allowed: false; retryAfterSeconds: number };

/** Without an address, the account alone has the tight limit. */
export function signInThrottles(email: string, ipAddress: string | null): Throttle[] {
  if (!ipAddress) return [{ key: `account:${email}`, limit: THROTTLE_POLICY.accountLimit, slows: true }];
  return [
    { key: `account:${email}|${ipAddress}`, limit: THROTTLE_POLICY.accountLimit, slows: true },
    { key: `account:${email}`, limit: THROTTLE_POLICY.accountWideLimit, slows: false },
    { key: `address:${ipAddress}`, limit: THROTTLE_POLICY.addressLimit, slows: true },
  ];
}

export function signUpThrottles(ipAddress: string | null): Throttle[] {
  return ipAddress ? [{ key: `sign-up:${ipAddress}`, limit: THROTTLE_POLICY.signUpLimit, slows: true }] : [];
}

/** Seconds until any of the keys unlocks, or 0. Reads only: for refusing early. */
export async function retryAfterSeconds(db: Database, throttles: Throttle[], now = new Date()): Promise<number> {
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: throttles.map((t) => t.key) }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return until ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/**
 * Counts one attempt against every key (one statement each, so concurrent
 * attempts cannot read the same old count) and says whether it may go ahead.
 */
export async function countAttempt(db: Database, throttles: Throttle[], now = new Date()): Promise<Verdict> {
  const windowStart = new Date(now.getTime() - THROTTLE_POLICY.windowMs);
  const lockUntil = new Date(now.getTime() + THROTTLE_POLICY.lockMs);
  let worst = 0;
  let lockedUntil = 0;
  for (const { key, limit, slows } of throttles) {
    const [row] = await db.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
      INSERT INTO "SignInThrottle" ("key", "failures", "windowStartsAt")
      VALUES (${key}, 1, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."windowStartsAt" < ${windowStart} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "windowStartsAt" = CASE WHEN "SignInThrottle"."windowStartsAt" < ${windowStart} THEN ${now} ELSE "SignInThrottle"."windowStartsAt" END,
        "lockedUntil" = CASE
          WHEN "SignInThrottle"."lockedUntil" > ${now} THEN "SignInThrottle"."lockedUntil"
          WHEN "SignInThrottle"."windowStartsAt" >= ${windowStart} AND "SignInThrottle"."failures" + 1 > ${limit} THEN ${lockUntil}
          ELSE NULL END
      RETURNING "failures", "lockedUntil"`;
    if (row?.lockedUntil && row.lockedUntil > now) lockedUntil = Math.max(lockedUntil, row.lockedUntil.getTime());
    if (slows) worst = Math.max(worst, row?.failures ?? 1);
  }
  if (lockedUntil) return { allowed: false, retryAfterSeconds: Math.ceil((lockedUntil - now.getTime()) / 1000) };
  const over = worst - THROTTLE_POLICY.slowAfter;
  return { allowed: true, delayMs: over <= 0 ? 0 : Math.min(THROTTLE_POLICY.maxDelayMs, 500 * 2 ** (over - 1)) };
}

/**
 * A successful sign-in was counted as an attempt; it forgives the account's
 * counts and takes itself off the address's, so that many people behind one
 * address (an office) are not locked out by signing in. A running lock stays.
 */
export async function forgiveSuccess(db: Database, throttles: Throttle[], now = new Date()): Promise<void> {
  const accounts = throttles.filter((t) => t.key.startsWith("account:")).map((t) => t.key);
  if (accounts.length > 0) {
    await db.signInThrottle.deleteMany({ where: { key: { in: accounts }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] } });
  }
  for (const { key } of throttles.filter((t) => !t.key.startsWith("account:"))) {
    await db.$executeRaw`UPDATE "SignInThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${key}`;
  }
}

/** Drops counters whose window and lock are over, so made-up emails do not pile up. */
export async function purgeStaleThrottles(db: Database, now = new Date()): Promise<number> {
  const { count } = await db.signInThrottle.deleteMany({
    where: {
      windowStartsAt: { lt: new Date(now.getTime() - THROTTLE_POLICY.windowMs) },
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    },
  });
  return count;
}
