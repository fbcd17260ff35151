import { z } from "zod";
import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { listActivity } from "./activity-log";

export const activityRouter = router({
  /** The organization's log, for its administrators. */
  list: orgProcedure("ADMIN")
    .input(z.object({ cursor: z.object({ createdAt: z.date(), id: z.uuid() }).nullish() }))
    .query(({ ctx, input }) => listActivity(ctx.tx, ctx.actor.organizationId, input.cursor ?? undefined)),
});
