import crypto from "node:crypto";
import { withTenantScope } from "@awan/db";
import { setActiveOrganization, switchOrganization } from "../auth/sessions";
import { DomainError } from "../errors";
import { authedProcedure, orgProcedure } from "../trpc/procedures";
import { router } from "../trpc/init";
import { acceptInvitation, createInvitation, listOpenInvitations, revokeInvitation } from "./invitations";
import { changeMemberRole, leaveOrganization, listMembers, removeMember } from "./memberships";
import { createOrganization, renameOrganization } from "./organizations";
import { mayCreateOrganization } from "./platform-admin";
import {
  ChangeRoleInput,
  CreateInvitationInput,
  CreateOrganizationInput,
  InvitationIdInput,
  InvitationTokenInput,
  MembershipIdInput,
  RenameOrganizationInput,
  SwitchOrganizationInput,
} from "./schemas";

export const organizationRouter = router({
  /** The caller's organizations, for the switcher (resolved with the session). */
  mine: authedProcedure.query(({ ctx }) => ctx.viewer.organizations),
  /** Whether the caller may create an organization (the console hides the form otherwise). */
  canCreate: authedProcedure.query(({ ctx }) => mayCreateOrganization(ctx.db, ctx.viewer.user.id)),
  create: authedProcedure.input(CreateOrganizationInput).mutation(async ({ ctx, input }) => {
    if (!(await mayCreateOrganization(ctx.db, ctx.viewer.user.id))) {
      throw new DomainError("FORBIDDEN", "New organizations on this server are created by its administrators. Ask one, or join yours with an invite link.");
    }
    const organizationId = crypto.randomUUID();
    const organization = await withTenantScope(ctx.db, { organizationId }, (tx) =>
      createOrganization(tx, { organizationId, name: input.name, ownerId: ctx.viewer.user.id }),
    );
    await setActiveOrganization(ctx.db, ctx.viewer.sessionId, organization.id);
    return organization;
  }),
  switch: authedProcedure.input(SwitchOrganizationInput).mutation(async ({ ctx, input }) => {
    await switchOrganization(ctx.db, ctx.viewer, input.organizationId);
  }),
  rename: orgProcedure("OWNER")
    .input(RenameOrganizationInput)
    .mutation(({ ctx, input }) => renameOrganization(ctx.tx, ctx.organization.id, input.name)),
  leave: orgProcedure("GUEST").mutation(({ ctx }) => leaveOrganization(ctx.tx, ctx.actor)),
});

export const memberRouter = router({
  list: orgProcedure("MEMBER").query(({ ctx }) => listMembers(ctx.tx, ctx.organization.id)),
  changeRole: orgProcedure("ADMIN")
    .input(ChangeRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.tx, ctx.actor, input.membershipId, input.role)),
  remove: orgProcedure("ADMIN")
    .input(MembershipIdInput)
    .mutation(({ ctx, input }) => removeMember(ctx.tx, ctx.actor, input.membershipId)),
});

export const invitationRouter = router({
  list: orgProcedure("ADMIN").query(({ ctx }) => listOpenInvitations(ctx.tx, ctx.organization.id)),
  create: orgProcedure("ADMIN")
    .input(CreateInvitationInput)
    .mutation(({ ctx, input }) => createInvitation(ctx.tx, ctx.actor, input)),
  revoke: orgProcedure("ADMIN")
    .input(InvitationIdInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.tx, ctx.actor, input.invitationId)),
  accept: authedProcedure.input(InvitationTokenInput).mutation(async ({ ctx, input }) => {
    const joined = await withTenantScope(ctx.db, { userId: ctx.viewer.user.id }, (tx) =>
      acceptInvitation(tx, input.token, ctx.viewer.user.id),
    );
    await setActiveOrganization(ctx.db, ctx.viewer.sessionId, joined.organizationId);
    return joined;
  }),
});
