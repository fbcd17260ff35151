// Seeding through the real services, for integration tests. Every name is unique,
// so test files can run in parallel against one database.
import crypto from "node:crypto";
import { withTenantScope } from "@awan/db";
import { createSession, resolveViewer } from "../auth/sessions";
import { signUp } from "../auth/sign-up";
import { getDatabase } from "../db";
import { createInvitation } from "../tenancy/invitations";
import { createCaller } from "../trpc/root";

export const TEST_PASSWORD = "correct horse battery staple";
const CLIENT = { ipAddress: "203.0.113.7", userAgent: "vitest" };

export function uniqueEmail(label = "user"): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`;
}

export async function newAccount(label = "owner") {
  const email = uniqueEmail(label);
  const db = getDatabase();
  const { userId, organizationId } = await signUp(db, {
    name: `${label} ${email.slice(0, 12)}`,
    email,
    password: TEST_PASSWORD,
    organizationName: `Org of ${email}`,
  });
  return { userId, organizationId, email };
}

/** A tRPC caller acting as `userId` through a real session, as the console would. */
export async function callerFor(userId: string, opts: { organizationOnScreen?: string } = {}) {
  const db = getDatabase();
  const sessionId = await createSession(db, { userId, ...CLIENT });
  // Resolved per call, like one request each: a switch or a revocation shows in the next call.
  const caller = createCaller(async () => ({
    db,
    viewer: await resolveViewer(db, sessionId),
    client: CLIENT,
    organizationOnScreen: opts.organizationOnScreen,
  }));
  return { caller, sessionId };
}

/** A public (signed-out) caller, from an address of its own so tests do not share throttles. */
export function anonymousCaller() {
  const ipAddress = `198.51.100.${crypto.randomInt(256)}:${crypto.randomUUID().slice(0, 8)}`;
  return createCaller({ db: getDatabase(), viewer: null, client: { ...CLIENT, ipAddress } });
}

/** Adds a new person to `organizationId` with `role`, through an invitation. */
export async function addMember(organizationId: string, inviterId: string, role: "ADMIN" | "MEMBER" | "GUEST", label = role.toLowerCase()) {
  const db = getDatabase();
  const { token } = await withTenantScope(db, { organizationId, userId: inviterId }, (tx) =>
    createInvitation(tx, { organizationId, userId: inviterId, role: "OWNER" }, { role, expiresInDays: 1, maxUses: 1 }),
  );
  const email = uniqueEmail(label);
  await anonymousCaller().auth.signUpWithInvitation({ token, name: `${label} person`, email, password: TEST_PASSWORD });
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return { userId: user.id, email };
}
