import type { Database } from "@awan/db";
import { DomainError } from "../errors";
import type { ClientInfo } from "./client-info";
import { hashPassword, verifyPassword } from "./passwords";
import type { Viewer } from "./sessions";
import { countAttempt, forgiveSuccess, signInThrottles } from "./sign-in-throttle";

type SignedIn = Pick<Viewer, "sessionId" | "user">;

export async function renameUser(db: Database, userId: string, name: string) {
  await db.user.update({ where: { id: userId }, data: { name }, select: { id: true } });
}

/**
 * Checking the current password makes this a password oracle, so it goes
 * through the sign-in throttle. A new password ends every other session: a
 * person changing it after a leak expects the intruder to be out.
 */
export async function changePassword(
  db: Database,
  viewer: SignedIn,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<{ endedSessions: number }> {
  const throttles = signInThrottles(viewer.user.email, client.ipAddress);
  const verdict = await countAttempt(db, throttles);
  if (!verdict.allowed) {
    throw new DomainError("TOO_MANY_REQUESTS", "Too many wrong passwords. Try again in 15 minutes.");
  }
  const user = await db.user.findUniqueOrThrow({ where: { id: viewer.user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError("INVALID_INPUT", "Your current password is not right.");
  }
  await forgiveSuccess(db, throttles);
  const passwordHash = await hashPassword(input.newPassword);
  const [, ended] = await db.$transaction([
    db.user.update({ where: { id: viewer.user.id }, data: { passwordHash }, select: { id: true } }),
    endOtherSessions(db, viewer),
  ]);
  return { endedSessions: ended.count };
}

/** The user's signed-in browsers, most recently active first. */
export async function listSessions(db: Database, viewer: SignedIn, now = new Date()) {
  const sessions = await db.session.findMany({
    where: { userId: viewer.user.id, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, createdAt: true, lastSeenAt: true, ipAddress: true, userAgent: true },
    orderBy: { lastSeenAt: "desc" },
  });
  return sessions.map((s) => ({ ...s, current: s.id === viewer.sessionId }));
}

export async function endSession(db: Database, viewer: SignedIn, sessionId: string) {
  const { count } = await db.session.updateMany({
    where: { id: sessionId, userId: viewer.user.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new DomainError("NOT_FOUND", "That session has already ended.");
}

export function endOtherSessions(db: Database, viewer: SignedIn) {
  return db.session.updateMany({
    where: { userId: viewer.user.id, revokedAt: null, id: { not: viewer.sessionId } },
    data: { revokedAt: new Date() },
  });
}
