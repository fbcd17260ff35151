import type { IncomingMessage } from "node:http";
import type { Role, ScopedDb } from "@awan/db";
import { authenticateAppPassword } from "../auth/app-passwords";
import { getDatabase } from "../db";
import { DomainError } from "../errors";
import { hashSecretToken } from "../secret-token";
import type { Actor } from "../tenancy/memberships";

/** A signed-in WebDAV client: who it acts as, and the hash of the app password it used. */
export type DavSignIn = { login: string; actor: Actor; tokenHash: string };

// authenticateAppPassword is the authority (a transaction of its own). A
// client sends credentials with every request, so for a minute after it
// said yes, a request is checked instead inside its own transaction
// (verifySignIn below): the same app password row, the same membership.
// A revoked password or an ended membership is refused at once either way.
const TRUSTED_FOR_MS = 60_000;
const MAX_ENTRIES = 10_000;
const recent = new Map<string, { signIn: DavSignIn; until: number }>();

/** The person behind HTTP Basic credentials (email and app password), or null. */
export async function signIn(req: IncomingMessage, now = Date.now()): Promise<DavSignIn | null> {
  const credentials = basicCredentials(req.headers.authorization);
  if (!credentials || credentials.password.length === 0 || credentials.password.length > 256) return null;
  const tokenHash = hashSecretToken(credentials.password);
  const key = `${credentials.login.trim().toLowerCase()}\u0000${tokenHash}`;
  const cached = recent.get(key);
  if (cached && cached.until > now) return cached.signIn;
  recent.delete(key);
  const actor = await authenticateAppPassword(getDatabase(), credentials.login, credentials.password);
  if (!actor) return null;
  const signedIn = { login: credentials.login, actor, tokenHash };
  if (recent.size >= MAX_ENTRIES) recent.clear();
  recent.set(key, { signIn: signedIn, until: now + TRUSTED_FOR_MS });
  return signedIn;
}

/**
 * Inside the request's transaction: the app password still exists and its
 * person is still a member (with their role as it is now), and their
 * drive's id if they have one yet. One query.
 */
export async function verifySignIn(tx: ScopedDb, signedIn: DavSignIn): Promise<{ actor: Actor; driveId: string | null }> {
  const { organizationId, userId } = signedIn.actor;
  const rows = await tx.$queryRaw<{ role: Role; driveId: string | null }[]>`
    SELECT m."role", d."id" AS "driveId" FROM "AppPassword" a
    JOIN "Membership" m ON m."organizationId" = a."organizationId" AND m."userId" = a."userId"
    LEFT JOIN "Drive" d ON d."organizationId" = a."organizationId" AND d."ownerUserId" = a."userId"
    WHERE a."tokenHash" = ${signedIn.tokenHash} AND a."organizationId" = ${organizationId}::uuid AND a."userId" = ${userId}::uuid`;
  const row = rows[0];
  if (!row) refuseRevoked(signedIn);
  return { actor: { organizationId, userId, role: row.role }, driveId: row.driveId };
}

/** Forgets a sign-in whose app password (or membership) is gone, and refuses the request. */
export function refuseRevoked(signedIn: DavSignIn): never {
  for (const [key, entry] of recent) if (entry.signIn.tokenHash === signedIn.tokenHash) recent.delete(key);
  throw new DomainError("UNAUTHORIZED", "This app password was revoked. Create a new one in Settings → App passwords.");
}

/** HTTP Basic: "login:password", base64 of UTF-8; the password may contain colons. */
function basicCredentials(header: string | undefined): { login: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
