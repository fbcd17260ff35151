import { applyScope, withTenantScope, type Database, type ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { hashSecretToken, newSecretToken } from "../secret-token";
import type { Actor } from "../tenancy/memberships";

// Writing lastUsedAt on every WebDAV request would turn each read into a write.
const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;
const MAX_PER_PERSON = 50;

const LISTED = { id: true, name: true, createdAt: true, lastUsedAt: true } as const;

/** The actor's app passwords in the organization, newest first; the secrets themselves are never shown again. */
export function listAppPasswords(tx: ScopedDb, actor: Actor) {
  return tx.appPassword.findMany({ where: { organizationId: actor.organizationId, userId: actor.userId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: LISTED });
}

/** A new app password; its secret is in the answer once and nowhere else. */
export async function createAppPassword(tx: ScopedDb, actor: Actor, name: string) {
  const count = await tx.appPassword.count({ where: { organizationId: actor.organizationId, userId: actor.userId } });
  if (count >= MAX_PER_PERSON) throw new DomainError("INVALID_INPUT", `You have ${MAX_PER_PERSON} app passwords; revoke one you no longer use first.`);
  const { token, tokenHash } = newSecretToken();
  const created = await tx.appPassword.create({
    data: { organizationId: actor.organizationId, userId: actor.userId, name, tokenHash },
    select: LISTED,
  });
  return { ...created, password: token };
}

export async function revokeAppPassword(tx: ScopedDb, actor: Actor, id: string) {
  const { count } = await tx.appPassword.deleteMany({ where: { id, organizationId: actor.organizationId, userId: actor.userId } });
  if (count === 0) throw new DomainError("NOT_FOUND", "This app password does not exist any more.");
}

/**
 * Who an app (a WebDAV client) signs in as: the person whose email is
 * `login` and whose app password `password` is, in the organization that
 * password was made in. Null for anything else — wrong password, revoked
 * password, someone else's email, a membership that ended.
 */
export async function authenticateAppPassword(db: Database, login: string, password: string, now = new Date()): Promise<Actor | null> {
  if (password.length === 0 || password.length > 256) return null;
  const tokenHash = hashSecretToken(password);
  return withTenantScope(db, { tokenHash }, async (tx) => {
    const found = await tx.appPassword.findUnique({ where: { tokenHash }, select: { id: true, organizationId: true, userId: true, lastUsedAt: true } });
    if (!found) return null;
    const user = await tx.user.findUnique({ where: { id: found.userId }, select: { email: true } });
    if (!user || user.email.toLowerCase() !== login.trim().toLowerCase()) return null;
    await applyScope(tx, { organizationId: found.organizationId, userId: found.userId });
    const membership = await tx.membership.findFirst({ where: { organizationId: found.organizationId, userId: found.userId }, select: { role: true } });
    if (!membership) return null;
    if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await tx.appPassword.update({ where: { id: found.id }, data: { lastUsedAt: now } });
    }
    return { organizationId: found.organizationId, userId: found.userId, role: membership.role };
  });
}
