import { z } from "zod";
import { singleLineText } from "../text-input";

const WorkspaceId = z.uuid({ error: "This workspace does not exist, or you cannot see it." });
const UserId = z.uuid({ error: "This person is not a member of your organization." });
// The name is also the name of the workspace's shared folder, so it may not hold "/".
const WorkspaceName = singleLineText("a workspace name", 80).refine((s) => !s.includes("/"), { error: "A workspace name cannot contain “/”." });
export const WorkspaceRoleInput = z.enum(["ADMIN", "MEMBER", "GUEST"], { error: "Choose admin, member or guest." });

export const WorkspaceInput = z.object({ workspaceId: WorkspaceId });
export const CreateWorkspaceInput = z.object({ name: WorkspaceName, isPrivate: z.boolean().default(false) });
export const UpdateWorkspaceInput = z.object({ workspaceId: WorkspaceId, name: WorkspaceName.optional(), isPrivate: z.boolean().optional() });
export const AddWorkspaceMembersInput = z.object({
  workspaceId: WorkspaceId,
  userIds: z.array(UserId).min(1, { error: "Choose at least one person." }).max(200),
  role: WorkspaceRoleInput.default("MEMBER"),
});
export const WorkspaceMemberInput = z.object({ workspaceId: WorkspaceId, userId: UserId });
export const ChangeWorkspaceRoleInput = z.object({ workspaceId: WorkspaceId, userId: UserId, role: WorkspaceRoleInput });
