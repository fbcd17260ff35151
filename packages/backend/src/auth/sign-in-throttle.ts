import type { Database } from "@awan/db";

/**
 * Failed sign-ins are counted per account and per address within a window.
 * Past a few failures each further failure is answered more slowly; past the
 * limit the key is locked and every attempt is refused (HTTP 429) until the
 * lock ends, even with the right password.
 */
export const THROTTLE_POLICY = {
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
  slowAfter: 3,
  maxDelayMs: 8_000,
  accountLimit: 10,
  addressLimit: 50,
};

type Attempt = { email: string; ipAddress: string | null };

function keysFor(attempt: Attempt): { key: string; limit: number }[] {
  const keys = [{ key: `account:${attempt.email}`, limit: THROTTLE_POLICY.accountLimit }];
  if (attempt.ipAddress) keys.push({ key: `address:${attempt.ipAddress}`, limit: THROTTLE_POLICY.addressLimit });
  return keys;
}

/** Seconds until the attempt may be made, or 0 when it may be made now. */
export async function signInRetryAfter(db: Database, attempt: Attempt, now = new Date()): Promise<number> {
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: keysFor(attempt).map((k) => k.key) }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return until ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts a failure; returns how long to hold the answer back. */
export async function recordSignInFailure(db: Database, attempt: Attempt, now = new Date()): Promise<number> {
  let worst = 0;
  for (const { key, limit } of keysFor(attempt)) {
    const windowStart = new Date(now.getTime() - THROTTLE_POLICY.windowMs);
    // One statement, so concurrent failures cannot both read the old count.
    const [row] = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" ("key", "failures", "windowStartsAt")
      VALUES (${key}, 1, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."windowStartsAt" < ${windowStart} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "windowStartsAt" = CASE WHEN "SignInThrottle"."windowStartsAt" < ${windowStart} THEN ${now} ELSE "SignInThrottle"."windowStartsAt" END
      RETURNING "failures"`;
    const failures = row?.failures ?? 1;
    if (failures >= limit) {
      await db.signInThrottle.update({
        where: { key },
        data: { lockedUntil: new Date(now.getTime() + THROTTLE_POLICY.lockMs), failures: 0, windowStartsAt: now },
      });
    }
    worst = Math.max(worst, failures);
  }
  const over = worst - THROTTLE_POLICY.slowAfter;
  return over <= 0 ? 0 : Math.min(THROTTLE_POLICY.maxDelayMs, 500 * 2 ** (over - 1));
}

/** A successful sign-in clears the account's count (not the address's). */
export async function clearAccountFailures(db: Database, email: string, now = new Date()): Promise<void> {
  await db.signInThrottle.deleteMany({
    where: { key: `account:${email}`, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
  });
}
