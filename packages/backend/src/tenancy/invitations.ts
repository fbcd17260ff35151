import { applyScope, isPrismaError, PrismaErrorCode, type Role, type ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { hashSecretToken, newSecretToken } from "../secret-token";
import type { Actor } from "./memberships";
import { canManageRole, roleName, ROLES } from "./roles";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function createInvitation(
  tx: ScopedDb,
  actor: Actor,
  input: { role: Role; expiresInDays: number; maxUses: number },
  now = new Date(),
) {
  if (!canManageRole(actor.role, input.role)) {
    throw new DomainError("FORBIDDEN", `Only an owner can invite someone as ${roleName(input.role)}.`);
  }
  const { token, tokenHash } = newSecretToken();
  const invitation = await tx.invitation.create({
    data: {
      organizationId: actor.organizationId,
      role: input.role,
      maxUses: input.maxUses,
      tokenHash,
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      createdById: actor.userId,
    },
    select: { id: true, role: true, expiresAt: true, maxUses: true, useCount: true, createdAt: true },
  });
  return { ...invitation, token };
}

/** Invitations still usable, newest first. */
export async function listOpenInvitations(tx: ScopedDb, organizationId: string, now = new Date()) {
  const rows = await tx.invitation.findMany({
    where: { organizationId, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, role: true, expiresAt: true, maxUses: true, useCount: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.filter((i) => i.useCount < i.maxUses);
}

export async function revokeInvitation(tx: ScopedDb, actor: Actor, invitationId: string) {
  const invitation = await tx.invitation.findFirst({
    where: { id: invitationId, organizationId: actor.organizationId, revokedAt: null },
    select: { role: true },
  });
  if (!invitation) throw new DomainError("NOT_FOUND", "This invitation does not exist or was already revoked.");
  if (!canManageRole(actor.role, invitation.role)) {
    throw new DomainError("FORBIDDEN", `Only an owner can revoke a link that makes someone ${roleName(invitation.role)}.`);
  }
  await tx.invitation.update({ where: { id: invitationId }, data: { revokedAt: new Date() } });
}

/**
 * A link is only as good as its creator's authority: when someone is demoted
 * (to `role`) or leaves (null), their open links for roles they could no
 * longer hand out are revoked.
 */
export async function revokeInvitationsBeyond(tx: ScopedDb, organizationId: string, creatorId: string, role: Role | null) {
  const kept = role ? ROLES.filter((r) => canManageRole(role, r)) : [];
  await tx.invitation.updateMany({
    where: { organizationId, createdById: creatorId, revokedAt: null, role: { notIn: kept } },
    data: { revokedAt: new Date() },
  });
}

export type InvitationPreview = {
  organizationId: string;
  organizationName: string;
  role: Role;
  expiresAt: Date;
};

/**
 * Finds the invitation a token names and re-scopes the transaction to its
 * organization. Throws GONE with a reason a visitor understands.
 */
export async function openInvitation(tx: ScopedDb, token: string, now = new Date()) {
  const tokenHash = hashSecretToken(token);
  await applyScope(tx, { tokenHash });
  const invitation = await tx.invitation.findUnique({
    where: { tokenHash },
    select: { id: true, organizationId: true, role: true, expiresAt: true, revokedAt: true, maxUses: true, useCount: true },
  });
  if (!invitation) throw new DomainError("NOT_FOUND", "This invitation link is not valid. Ask for a new one.");
  if (invitation.revokedAt) throw new DomainError("GONE", "This invitation was revoked. Ask for a new one.");
  if (invitation.expiresAt <= now) throw new DomainError("GONE", "This invitation has expired. Ask for a new one.");
  if (invitation.useCount >= invitation.maxUses) {
    throw new DomainError("GONE", "This invitation has already been used. Ask for a new one.");
  }
  await applyScope(tx, { organizationId: invitation.organizationId, tokenHash });
  return invitation;
}

export async function previewInvitation(tx: ScopedDb, token: string): Promise<InvitationPreview> {
  const invitation = await openInvitation(tx, token);
  const organization = await tx.organization.findUniqueOrThrow({
    where: { id: invitation.organizationId },
    select: { name: true },
  });
  return {
    organizationId: invitation.organizationId,
    organizationName: organization.name,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
  };
}

/** Makes `userId` a member through the invitation; returns the organization joined. */
export async function acceptInvitation(tx: ScopedDb, token: string, userId: string): Promise<{ organizationId: string }> {
  const invitation = await openInvitation(tx, token);
  await applyScope(tx, { organizationId: invitation.organizationId, userId });
  const existing = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId: invitation.organizationId, userId } },
    select: { id: true },
  });
  if (existing) throw new DomainError("CONFLICT", "You are already a member of this organization.");
  // Guarded increment: two people racing for the last use cannot both get in.
  const claimed = await tx.invitation.updateMany({
    where: { id: invitation.id, useCount: { lt: invitation.maxUses }, revokedAt: null },
    data: { useCount: { increment: 1 } },
  });
  if (claimed.count === 0) throw new DomainError("GONE", "This invitation has already been used. Ask for a new one.");
  try {
    await tx.membership.create({ data: { organizationId: invitation.organizationId, userId, role: invitation.role } });
  } catch (error) {
    // Two clicks on Join racing each other: the second finds the first's membership.
    if (isPrismaError(error, PrismaErrorCode.UniqueConstraint)) {
      throw new DomainError("CONFLICT", "You are already a member of this organization.");
    }
    throw error;
  }
  return { organizationId: invitation.organizationId };
}
