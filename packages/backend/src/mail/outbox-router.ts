import { z } from "zod";
import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { listOutbox } from "./outbound-queue";

// Everyone who can send has an outbox; the service lists only the caller's own messages.
const own = orgProcedure("GUEST");

export const mailOutboxRouter = router({
  /** The caller's messages to other domains, newest first: state, attempts, last error and next attempt, per recipient. */
  list: own
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => listOutbox({ tx: ctx.tx, actor: ctx.actor }, input.limit)),
});
