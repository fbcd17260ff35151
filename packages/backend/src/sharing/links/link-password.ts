import crypto from "node:crypto";
import type { Database } from "@awan/db";
import { verifyPassword } from "../../auth/passwords";
import { getConfig } from "../../config";
import { DomainError } from "../../errors";
import { withLink, type PublicLink } from "./link-access";

// Wrong passwords in a row: the first few cost nothing; after that each one
// makes the link wait longer (2 s, 4 s, 8 s...), and from LOCK_AFTER on the
// link refuses every password for LOCK_MS. A right one starts the count over.
const FREE_ATTEMPTS = 3;
const LOCK_AFTER = 10;
const LOCK_MS = 15 * 60_000;
/** How long a right password is remembered in the visitor's browser. */
export const UNLOCK_TTL_MS = 60 * 60_000;
export const UNLOCK_COOKIE = "awan_link";

/** When a link accepts the next password after `failures` wrong ones in a row; null: at once. */
export function nextTryAt(failures: number, now: Date): Date | null {
  if (failures >= LOCK_AFTER) return new Date(now.getTime() + LOCK_MS);
  if (failures < FREE_ATTEMPTS) return null;
  return new Date(now.getTime() + 2 ** (failures - FREE_ATTEMPTS + 1) * 1000);
}

export type UnlockResult = { ok: true; cookie: string | null } | { ok: false; error: DomainError; retryAt: Date | null };

/**
 * Checks a password typed on a link's page. Attempts are serialized on the
 * link's row, so a burst of guesses in parallel is counted one by one.
 * Answers with the cookie value that proves the right password for a while.
 */
export async function unlockLink(db: Database, token: string, password: string, now = new Date()): Promise<UnlockResult> {
  return withLink(
    db,
    token,
    async ({ tx, link }) => {
      if (!link.passwordHash) return { ok: true, cookie: null };
      const [current] = await tx.$queryRaw<{ failedAttempts: number; lockedUntil: Date | null }[]>`
        SELECT "failedAttempts", "lockedUntil" FROM "ShareLink" WHERE "id" = ${link.id}::uuid FOR UPDATE`;
      if (current?.lockedUntil && current.lockedUntil > now) return { ok: false, error: waitError(current.lockedUntil, now), retryAt: current.lockedUntil };
      if (password.length > 0 && password.length <= 256 && (await verifyPassword(link.passwordHash, password))) {
        if (current?.failedAttempts) await tx.shareLink.update({ where: { id: link.id }, data: { failedAttempts: 0, lockedUntil: null } });
        return { ok: true, cookie: unlockCookie(link, now) };
      }
      const failures = (current?.failedAttempts ?? 0) + 1;
      const retryAt = nextTryAt(failures, now);
      await tx.shareLink.update({ where: { id: link.id }, data: { failedAttempts: failures, lockedUntil: retryAt } });
      const wait = retryAt ? ` Too many wrong tries: ${waitText(retryAt, now)}` : "";
      return { ok: false, error: new DomainError(retryAt ? "TOO_MANY_REQUESTS" : "FORBIDDEN", `That password is not right.${wait}`), retryAt };
    },
    now,
  );
}

function waitError(until: Date, now: Date): DomainError {
  return new DomainError("TOO_MANY_REQUESTS", `Too many wrong passwords: ${waitText(until, now)}`);
}

function waitText(until: Date, now: Date): string {
  const seconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `try again in ${wait} (after ${until.toISOString().slice(11, 19)} UTC).`;
}

// The cookie names the moment it ends and is signed with the server's secret
// over the link and its current password hash: it opens only this link, and
// changing the password (or turning it off) ends it.
function signature(link: Pick<PublicLink, "id" | "passwordHash">, expires: number): string {
  return crypto.createHmac("sha256", getConfig().authSecret).update(`share-link\0${link.id}\0${link.passwordHash}\0${expires}`).digest("base64url");
}

export function unlockCookie(link: Pick<PublicLink, "id" | "passwordHash">, now = new Date()): string {
  const expires = now.getTime() + UNLOCK_TTL_MS;
  return `${expires}.${signature(link, expires)}`;
}

/** Whether the request may pass a link's password: it has none, or the request carries a valid cookie for it. */
export function isUnlocked(link: Pick<PublicLink, "id" | "passwordHash">, cookie: string | null, now = new Date()): boolean {
  if (!link.passwordHash) return true;
  const [expiresText, given] = (cookie ?? "").split(".");
  const expires = Number(expiresText);
  if (!given || !Number.isSafeInteger(expires) || expires <= now.getTime()) return false;
  const expected = Buffer.from(signature(link, expires));
  const actual = Buffer.from(given);
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

/** The password step, for every route past it. */
export function requireUnlocked(link: Pick<PublicLink, "id" | "passwordHash">, cookie: string | null, now = new Date()): void {
  if (!isUnlocked(link, cookie, now)) throw new DomainError("UNAUTHORIZED", "This link is protected by a password. Enter it on the link's page.");
}
