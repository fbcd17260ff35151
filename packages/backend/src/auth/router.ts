import { withTenantScope } from "@awan/db";
import { getConfig } from "../config";
import { DomainError } from "../errors";
import { previewInvitation } from "../tenancy/invitations";
import { InvitationTokenInput } from "../tenancy/schemas";
import { router } from "../trpc/init";
import { authedProcedure, publicProcedure } from "../trpc/procedures";
import { SignUpInput, SignUpWithInvitationInput } from "./schemas";
import { signUp, signUpWithInvitation } from "./sign-up";

export const authRouter = router({
  /** Creates an account and its organization; the client then signs in. */
  signUp: publicProcedure.input(SignUpInput).mutation(async ({ ctx, input }) => {
    if (!getConfig().allowSignUp) {
      throw new DomainError("FORBIDDEN", "New accounts on this server need an invitation. Ask an administrator for a link.");
    }
    await signUp(ctx.db, input);
  }),
  signUpWithInvitation: publicProcedure.input(SignUpWithInvitationInput).mutation(async ({ ctx, input }) => {
    await signUpWithInvitation(ctx.db, input);
  }),
  invitation: publicProcedure
    .input(InvitationTokenInput)
    .query(({ ctx, input }) => withTenantScope(ctx.db, {}, (tx) => previewInvitation(tx, input.token))),
  /** The signed-in user and active organization. */
  viewer: authedProcedure.query(({ ctx }) => ctx.viewer),
});
