import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { addWorkspaceMembers, changeWorkspaceRole, joinWorkspace, listMemberCandidates, listWorkspaceMembers, removeWorkspaceMember } from "./workspace-members";
import { listWorkspaceFolders, listWorkspaceTrash, openWorkspaceFolder } from "./workspace-folder";
import { createWorkspace, deleteWorkspace, listMyWorkspaces, updateWorkspace } from "./workspaces";
import { AddWorkspaceMembersInput, ChangeWorkspaceRoleInput, CreateWorkspaceInput, UpdateWorkspaceInput, WorkspaceInput, WorkspaceMemberInput } from "./schemas";

// Guests see the workspaces they were invited to; every service checks what the actor may do in the one named.
const workspace = orgProcedure("GUEST");

export const workspacesRouter = router({
  list: workspace.query(({ ctx }) => listMyWorkspaces(ctx)),
  create: orgProcedure("MEMBER").input(CreateWorkspaceInput).mutation(({ ctx, input }) => createWorkspace(ctx, input)),
  update: workspace.input(UpdateWorkspaceInput).mutation(({ ctx, input }) => updateWorkspace(ctx, input)),
  delete: workspace.input(WorkspaceInput).mutation(({ ctx, input }) => deleteWorkspace(ctx, input.workspaceId)),
  members: workspace.input(WorkspaceInput).query(({ ctx, input }) => listWorkspaceMembers(ctx, input.workspaceId)),
  memberCandidates: workspace.input(WorkspaceInput).query(({ ctx, input }) => listMemberCandidates(ctx, input.workspaceId)),
  addMembers: workspace.input(AddWorkspaceMembersInput).mutation(({ ctx, input }) => addWorkspaceMembers(ctx, input)),
  changeRole: workspace.input(ChangeWorkspaceRoleInput).mutation(({ ctx, input }) => changeWorkspaceRole(ctx, input)),
  removeMember: workspace.input(WorkspaceMemberInput).mutation(({ ctx, input }) => removeWorkspaceMember(ctx, input)),
  join: workspace.input(WorkspaceInput).mutation(({ ctx, input }) => joinWorkspace(ctx, input.workspaceId)),
  leave: workspace.input(WorkspaceInput).mutation(({ ctx, input }) => removeWorkspaceMember(ctx, { workspaceId: input.workspaceId, userId: ctx.actor.userId })),
  /** The workspace's shared folder: open its folderId with files.list and the transfer routes. */
  folder: workspace.input(WorkspaceInput).query(({ ctx, input }) => openWorkspaceFolder(ctx, input.workspaceId)),
  folders: workspace.query(({ ctx }) => listWorkspaceFolders(ctx)),
  /** The shared folder's trash; items in it go back with files.restore or for good with files.deleteForever. */
  trash: workspace.input(WorkspaceInput).query(({ ctx, input }) => listWorkspaceTrash(ctx, input.workspaceId)),
});
