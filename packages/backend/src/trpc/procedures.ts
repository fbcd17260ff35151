import { withTenantScope, type Role, type ScopedDb } from "@awan/db";
import { runQueued, type AfterCommit } from "../after-commit";
import type { Viewer } from "../auth/sessions";
import { DomainError } from "../errors";
import { isPlatformAdmin } from "../tenancy/platform-admin";
import { hasRole } from "../tenancy/roles";
import { baseProcedure } from "./init";

export const publicProcedure = baseProcedure;

export const authedProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new DomainError("UNAUTHORIZED", "Your session has ended. Sign in again.");
  return next({ ctx: { viewer: ctx.viewer } });
});

/** For running the server itself: the owners of its first organization. */
export const platformAdminProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (!(await isPlatformAdmin(ctx.db, ctx.viewer.user.id))) {
    throw new DomainError("FORBIDDEN", "Only the server's administrators (owners of its first organization) can see this.");
  }
  return next();
});

/** The active organization, if the caller holds `minRole` there and the page still shows it. */
function activeOrganization(ctx: { viewer: Viewer; organizationOnScreen?: string | null }, minRole: Role) {
  const organization = ctx.viewer.organization;
  if (!organization) throw new DomainError("FORBIDDEN", "You are not a member of any organization.");
  if (ctx.organizationOnScreen && ctx.organizationOnScreen !== organization.id) {
    throw new DomainError(
      "CONFLICT",
      `You switched to ${organization.name} in another tab, so nothing was changed here. Reload this page to continue in ${organization.name}.`,
    );
  }
  if (!hasRole(organization.role, minRole)) {
    throw new DomainError("FORBIDDEN", `This needs the ${minRole.toLowerCase()} role or higher in ${organization.name}.`);
  }
  return organization;
}

/**
 * For subscriptions in the active organization: the same checks as
 * orgProcedure, but no transaction, since a stream outlives any; the
 * subscription scopes each read itself.
 */
export function orgStreamProcedure(minRole: Role) {
  return authedProcedure.use(({ ctx, next }) => {
    const organization = activeOrganization(ctx, minRole);
    return next({ ctx: { organization, actor: { organizationId: organization.id, userId: ctx.viewer.user.id, role: organization.role } } });
  });
}

/** Thrown to roll back the transaction of a procedure that failed. */
const ROLLBACK = Symbol("rollback");

/**
 * For work inside the active organization: checks the caller's role there
 * and runs the procedure in one transaction scoped to that organization, so
 * row-level security confines every query the service makes to it.
 */
export function orgProcedure(minRole: Role) {
  return authedProcedure.use(async ({ ctx, next }) => {
    const organization = activeOrganization(ctx, minRole);
    const scope = { organizationId: organization.id, userId: ctx.viewer.user.id };
    const actor = { ...scope, role: organization.role };
    const queued: (() => Promise<unknown>)[] = [];
    const afterCommit: AfterCommit = (job) => queued.push(job);
    const run = (tx: ScopedDb) => next({ ctx: { tx, organization, actor, afterCommit } });
    let outcome: Awaited<ReturnType<typeof run>> | undefined;
    try {
      await withTenantScope(ctx.db, scope, async (tx) => {
        outcome = await run(tx);
        if (!outcome.ok) throw ROLLBACK;
      });
      await runQueued(queued);
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
    return outcome!;
  });
}

