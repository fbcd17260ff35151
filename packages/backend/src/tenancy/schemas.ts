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
  expiresInDays: z.number().int().min(1, { error: "Links last 1 to 30 days." }).max(30, { error: "Links last 1 to 30 days." }).default(7),
  maxUses: z
    .number({ error: "Enter how many people may use the link." })
    .int()
    .min(1, { error: "A link is for 1 to 100 people." })
    .max(100, { error: "A link is for 1 to 100 people." })
    .default(1),
});
export const InvitationIdInput = z.object({ invitationId: z.uuid() });
const INCOMPLETE_LINK = "This invite link is incomplete. Copy the whole link and open it again.";
export const InvitationToken = z.string().min(20, { error: INCOMPLETE_LINK }).max(100, { error: INCOMPLETE_LINK });
export const InvitationTokenInput = z.object({ token: InvitationToken });

export const ChangeRoleInput = z.object({ membershipId: z.uuid(), role: RoleInput });
export const MembershipIdInput = z.object({ membershipId: z.uuid() });
