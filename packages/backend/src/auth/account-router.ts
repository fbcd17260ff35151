import { z } from "zod";
import { router } from "../trpc/init";
import { authedProcedure } from "../trpc/procedures";
import { changePassword, endOtherSessions, endSession, listSessions, renameUser } from "./account";
import { Password, PersonName } from "./schemas";

export const accountRouter = router({
  rename: authedProcedure
    .input(z.object({ name: PersonName }))
    .mutation(({ ctx, input }) => renameUser(ctx.db, ctx.viewer.user.id, input.name)),
  changePassword: authedProcedure
    .input(z.object({ currentPassword: z.string().min(1, { error: "Enter your current password." }).max(256), newPassword: Password }))
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.viewer, input, ctx.client)),
  sessions: authedProcedure.query(({ ctx }) => listSessions(ctx.db, ctx.viewer)),
  endSession: authedProcedure
    .input(z.object({ sessionId: z.uuid() }))
    .mutation(({ ctx, input }) => endSession(ctx.db, ctx.viewer, input.sessionId)),
  endOtherSessions: authedProcedure.mutation(async ({ ctx }) => ({ ended: (await endOtherSessions(ctx.db, ctx.viewer)).count })),
});
