import { chatTyping } from "../chat/chat-events";
import { findChannel } from "../chat/channels";
import { publishEvent } from "../events/publish-event";
import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { listPresence, reportActivity, setStatus } from "./presence";
import { ReportActivityInput, SetStatusInput, TypingInput } from "./schemas";

const anyone = orgProcedure("GUEST");

export const presenceRouter = router({
  list: anyone.query(({ ctx }) => listPresence(ctx.tx, ctx.actor)),
  reportActivity: anyone.input(ReportActivityInput).mutation(({ ctx, input }) => reportActivity(ctx.tx, ctx.actor, input.idleMs)),
  setStatus: anyone.input(SetStatusInput).mutation(({ ctx, input }) => setStatus(ctx.tx, ctx.actor, input)),
  /** "Ana is typing…" for the channel's other readers; sent by the tab every few seconds while typing, never stored. */
  typing: anyone.input(TypingInput).mutation(async ({ ctx, input }) => {
    const channel = await findChannel({ tx: ctx.tx, actor: ctx.actor }, input.channelId);
    await publishEvent(ctx.tx, chatTyping, {
      organizationId: ctx.actor.organizationId,
      data: { channelId: channel.id, userId: ctx.actor.userId, name: ctx.viewer.user.name },
    });
  }),
});
