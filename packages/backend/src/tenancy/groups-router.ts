import { z } from "zod";
import { singleLineText } from "../text-input";
import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { addGroupMembers, createGroup, deleteGroup, listGroupMembers, listGroups, removeGroupMember, renameGroup } from "./groups";

const GroupName = singleLineText("a group name", 100);
const GroupId = z.uuid({ error: "This group does not exist in your organization." });
const UserId = z.uuid({ error: "This person is not a member of your organization." });

// Everyone sees the groups (to share with them); administrators manage them.
const manageGroups = orgProcedure("ADMIN");

export const groupsRouter = router({
  list: orgProcedure("GUEST").query(({ ctx }) => listGroups(ctx.tx, ctx.actor.organizationId)),
  members: manageGroups.input(z.object({ groupId: GroupId })).query(({ ctx, input }) => listGroupMembers(ctx.tx, ctx.actor.organizationId, input.groupId)),
  create: manageGroups.input(z.object({ name: GroupName })).mutation(({ ctx, input }) => createGroup(ctx.tx, ctx.actor, input.name)),
  rename: manageGroups.input(z.object({ groupId: GroupId, name: GroupName })).mutation(({ ctx, input }) => renameGroup(ctx.tx, ctx.actor, input.groupId, input.name)),
  delete: manageGroups.input(z.object({ groupId: GroupId })).mutation(({ ctx, input }) => deleteGroup(ctx.tx, ctx.actor, input.groupId)),
  addMembers: manageGroups
    .input(z.object({ groupId: GroupId, userIds: z.array(UserId).min(1, { error: "Choose someone to add." }).max(200) }))
    .mutation(({ ctx, input }) => addGroupMembers(ctx.tx, ctx.actor, input.groupId, input.userIds)),
  removeMember: manageGroups
    .input(z.object({ groupId: GroupId, userId: UserId }))
    .mutation(({ ctx, input }) => removeGroupMember(ctx.tx, ctx.actor, input.groupId, input.userId)),
});
