import { z } from "zod";
import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { createAppPassword, listAppPasswords, revokeAppPassword } from "./app-passwords";

// For apps that reach the person's files (WebDAV); guests have no files of their own.
const appPasswordProcedure = orgProcedure("MEMBER");

export const appPasswordsRouter = router({
  list: appPasswordProcedure.query(({ ctx }) => listAppPasswords(ctx.tx, ctx.actor)),
  create: appPasswordProcedure
    .input(z.object({ name: z.string().trim().min(1, { error: "Give the app password a name, such as the app or device it is for." }).max(100, { error: "Use at most 100 characters." }) }))
    .mutation(({ ctx, input }) => createAppPassword(ctx.tx, ctx.actor, input.name)),
  revoke: appPasswordProcedure.input(z.object({ id: z.uuid({ error: "This app password does not exist." }) })).mutation(({ ctx, input }) => revokeAppPassword(ctx.tx, ctx.actor, input.id)),
});
