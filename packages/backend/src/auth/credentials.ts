import { setTimeout as sleep } from "node:timers/promises";
import type { Database } from "@awan/db";
import type { ClientInfo } from "./client-info";
import { verifyAgainstDecoy, verifyPassword } from "./passwords";
import { SignInCredentials } from "./schemas";
import { createSession } from "./sessions";
import { countAttempt, forgiveSuccess, purgeStaleThrottles, signInThrottles } from "./sign-in-throttle";

export type SignedInUser = { id: string; name: string; email: string; sessionId: string };

/** The error next-auth passes to the client (as `?error=`) when the throttle refuses. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

/**
 * Checks an email and password. Every attempt is counted before the password
 * is looked at; a locked account or address is refused outright. On success
 * opens a server-side session; on failure answers after the throttle's delay.
 */
export async function authorizeCredentials(
  db: Database,
  credentials: unknown,
  client: ClientInfo,
): Promise<SignedInUser | null> {
  const parsed = SignInCredentials.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const throttles = signInThrottles(email, client.ipAddress);
  const verdict = await countAttempt(db, throttles);
  if (!verdict.allowed) throw new Error(TOO_MANY_ATTEMPTS);

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, passwordHash: true },
  });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  if (!user || !ok) {
    await sleep(verdict.delayMs);
    return null;
  }
  await forgiveSuccess(db, throttles);
  await purgeStaleThrottles(db);
  const sessionId = await createSession(db, { userId: user.id, ...client });
  return { id: user.id, name: user.name, email: user.email, sessionId };
}
