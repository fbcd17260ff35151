import crypto from "node:crypto";
import { isPrismaError, PrismaErrorCode, withTenantScope, type Database, type ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { acceptInvitation } from "../tenancy/invitations";
import { createOrganization } from "../tenancy/organizations";
import { hashPassword } from "./passwords";

type NewAccount = { name: string; email: string; password: string };

async function createUser(tx: ScopedDb, account: NewAccount) {
  const passwordHash = await hashPassword(account.password);
  try {
    return await tx.user.create({
      data: { name: account.name, email: account.email, passwordHash },
      select: { id: true, email: true },
    });
  } catch (error) {
    if (isPrismaError(error, PrismaErrorCode.UniqueConstraint)) {
      throw new DomainError("CONFLICT", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}

/** A new person with a new organization that they own. */
export function signUp(db: Database, input: NewAccount & { organizationName: string }) {
  const organizationId = crypto.randomUUID();
  return withTenantScope(db, { organizationId }, async (tx) => {
    const user = await createUser(tx, input);
    const organization = await createOrganization(tx, { organizationId, name: input.organizationName, ownerId: user.id });
    return { userId: user.id, organizationId: organization.id };
  });
}

/** A new person joining an existing organization through an invite link. */
export function signUpWithInvitation(db: Database, input: NewAccount & { token: string }) {
  return withTenantScope(db, {}, async (tx) => {
    const user = await createUser(tx, input);
    const { organizationId } = await acceptInvitation(tx, input.token, user.id);
    return { userId: user.id, organizationId };
  });
}
