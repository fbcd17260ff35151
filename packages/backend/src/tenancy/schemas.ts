import { z } from "zod";
import { singleLineText } from "../text-input";
import { ROLES } from "./roles";

export const OrganizationName = singleLineText("an organization name", 100);

export const RoleInput = z.enum(ROLES);

export const RenameOrganizationInput = z.object({ name: OrganizationName });
export const CreateOrganizationInput = z.object({ name: OrganizationName });
export const SwitchOrganizationInput = z.object({ organizationId: z.uuid() });

export const CreateInvitationInput = z.object({
  role: RoleInput,
  expiresInDays: z.number().int().min(1).max(30).default(7),
  maxUses: z.number().int().min(1).max(100).default(1),
});
export const InvitationIdInput = z.object({ invitationId: z.uuid() });
export const InvitationTokenInput = z.object({ token: z.string().min(20).max(100) });

export const ChangeRoleInput = z.object({ membershipId: z.uuid(), role: RoleInput });
export const MembershipIdInput = z.object({ membershipId: z.uuid() });
