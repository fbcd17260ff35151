import { withTenantScope } from "@awan/db";
import { getConfig } from "../config";
import { DomainError } from "../errors";
import { previewInvitation } from "../tenancy/invitations";
import { isPlatformAdmin } from "../tenancy/platform-admin";
import { InvitationTokenInput } from "../tenancy/schemas";
import { router } from "../trpc/init";
import { authedProcedure, publicProcedure } from "../trpc/procedures";
import { SignUpInput, SignUpWithInvitationInput } from "./schemas";
import { countAttempt, signUpThrottles } from "./sign-in-throttle";
import { signUp, signUpWithInvitation } from "./sign-up";

/** Each sign-up costs a password hash: an address gets a limited number per window. */
const throttledProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const verdict = await countAttempt(ctx.db, signUpThrottles(ctx.client.ipAddress));
  if (!verdict.allowed) {
    const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
    throw new DomainError("TOO_MANY_REQUESTS", `Too many new accounts from your network. Try again in ${minutes} minutes.`);
  }
  return next();
});

export const authRouter = router({
  /** Creates an account and its organization; the client then signs in. */
  signUp: throttledProcedure.input(SignUpInput).mutation(async ({ ctx, input }) => {
    if (!getConfig().allowSignUp) {
      throw new DomainError("FORBIDDEN", "New accounts on this server need an invitation. Ask an administrator for a link.");
    }
    await signUp(ctx.db, input);
  }),
  signUpWithInvitation: throttledProcedure.input(SignUpWithInvitationInput).mutation(async ({ ctx, input }) => {
    await signUpWithInvitation(ctx.db, input);
  }),
  invitation: publicProcedure
    .input(InvitationTokenInput)
    .query(({ ctx, input }) => withTenantScope(ctx.db, {}, (tx) => previewInvitation(tx, input.token))),
  /** The signed-in user and active organization. */
  viewer: authedProcedure.query(({ ctx }) => ctx.viewer),
  /** Whether the signed-in user administers the server itself (shows Admin → Storage). */
  isPlatformAdmin: authedProcedure.query(({ ctx }) => isPlatformAdmin(ctx.db, ctx.viewer.user.id)),
});
