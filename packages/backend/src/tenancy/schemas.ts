import { z } from "zod";
import { ROLES } from "./roles";

export const OrganizationName = z
  .string()
  .trim()
  .min(1, { error: "Enter an organization name." })
  .max(100, { error: "Organization names are at most 100 characters." })
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: "Organization names cannot contain control characters." });

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
