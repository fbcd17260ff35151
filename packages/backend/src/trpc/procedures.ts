import { withTenantScope, type Role, type ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { hasRole } from "../tenancy/roles";
import { baseProcedure } from "./init";

export const publicProcedure = baseProcedure;

export const authedProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new DomainError("UNAUTHORIZED", "Your session has ended. Sign in again.");
  return next({ ctx: { viewer: ctx.viewer } });
});

/** Carries a failed result out of the transaction so that it rolls back. */
class RolledBack {
  constructor(readonly result: unknown) {}
}

/**
 * For work inside the active organization: checks the caller's role there
 * and runs the procedure in one transaction scoped to that organization, so
 * row-level security confines every query the service makes to it.
 */
export function orgProcedure(minRole: Role) {
  return authedProcedure.use(async ({ ctx, next }) => {
    const organization = ctx.viewer.organization;
    if (!organization) throw new DomainError("FORBIDDEN", "You are not a member of any organization.");
    if (!hasRole(organization.role, minRole)) {
      throw new DomainError("FORBIDDEN", `This needs the ${minRole.toLowerCase()} role or higher in ${organization.name}.`);
    }
    const scope = { organizationId: organization.id, userId: ctx.viewer.user.id };
    try {
      return await withTenantScope(ctx.db, scope, async (tx: ScopedDb) => {
        const result = await next({ ctx: { tx, organization, actor: { ...scope, role: organization.role } } });
        if (!result.ok) throw new RolledBack(result);
        return result;
      });
    } catch (error) {
      if (error instanceof RolledBack) return error.result as Awaited<ReturnType<typeof next>>;
      throw error;
    }
  });
}

