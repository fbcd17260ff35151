import { withTenantScope, type Database } from "@awan/db";
import { DomainError } from "../errors";
import { listUserOrganizations, type OrganizationSummary } from "../tenancy/organizations";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
// Touching lastSeenAt on every request would turn each read into a write.
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

export type Viewer = {
  sessionId: string;
  user: { id: string; name: string; email: string };
  /** The organization requests act in; null when the user belongs to none. */
  organization: OrganizationSummary | null;
  /** Every organization the user belongs to, oldest membership first (the switcher). */
  organizations: OrganizationSummary[];
};

export async function createSession(
  db: Database,
  input: { userId: string; ipAddress?: string | null; userAgent?: string | null },
  now = new Date(),
): Promise<string> {
  const session = await db.session.create({
    data: {
      userId: input.userId,
      ipAddress: input.ipAddress?.slice(0, 64) ?? null,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
    select: { id: true },
  });
  return session.id;
}

export async function revokeSession(db: Database, sessionId: string): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/**
 * The signed-in user and their active organization, or null when the
 * session was revoked, expired or never existed. Falls back to the user's
 * oldest membership when the active one is gone (left, removed).
 */
export async function resolveViewer(db: Database, sessionId: string, now = new Date()): Promise<Viewer | null> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      lastSeenAt: true,
      activeOrganizationId: true,
      user: { select: { id: true, name: true, email: true } },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;

  const organizations = await withTenantScope(db, { userId: session.user.id }, (tx) =>
    listUserOrganizations(tx, session.user.id),
  );
  const active = organizations.find((o) => o.id === session.activeOrganizationId) ?? organizations[0] ?? null;
  const activeId = active?.id ?? null;

  if (activeId !== session.activeOrganizationId || now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.session.update({ where: { id: session.id }, data: { activeOrganizationId: activeId, lastSeenAt: now } });
  }
  return {
    sessionId: session.id,
    user: session.user,
    organization: active,
    organizations,
  };
}

/** Makes `organizationId` the session's active organization, if the user belongs to it. */
export async function switchOrganization(db: Database, viewer: Pick<Viewer, "sessionId" | "user">, organizationId: string) {
  const membership = await withTenantScope(db, { userId: viewer.user.id }, (tx) =>
    tx.membership.findFirst({ where: { userId: viewer.user.id, organizationId }, select: { id: true } }),
  );
  if (!membership) throw new DomainError("NOT_FOUND", "You are not a member of that organization.");
  await db.session.update({ where: { id: viewer.sessionId }, data: { activeOrganizationId: organizationId } });
}

export async function setActiveOrganization(db: Database, sessionId: string, organizationId: string) {
  await db.session.update({ where: { id: sessionId }, data: { activeOrganizationId: organizationId } });
}
