import { setTimeout as sleep } from "node:timers/promises";
import type { Database } from "@awan/db";
import type { ClientInfo } from "./client-info";
import { verifyAgainstDecoy, verifyPassword } from "./passwords";
import { SignInCredentials } from "./schemas";
import { createSession } from "./sessions";
import { clearAccountFailures, recordSignInFailure } from "./sign-in-throttle";

export type SignedInUser = { id: string; name: string; email: string; sessionId: string };

/**
 * Checks an email and password. On success opens a server-side session; on
 * failure counts it and answers after the throttle's delay.
 */
export async function authorizeCredentials(
  db: Database,
  credentials: unknown,
  client: ClientInfo,
): Promise<SignedInUser | null> {
  const parsed = SignInCredentials.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, passwordHash: true },
  });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  if (!user || !ok) {
    await sleep(await recordSignInFailure(db, { email, ipAddress: client.ipAddress }));
    return null;
  }
  await clearAccountFailures(db, email);
  const sessionId = await createSession(db, { userId: user.id, ...client });
  return { id: user.id, name: user.name, email: user.email, sessionId };
}
