import { z } from "zod";
import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { searchMessages } from "./message-search";
import { Seq } from "./schemas";
import { ensureIndexed } from "./search-index";

export const SearchMessagesInput = z.object({
  query: z.string().trim().min(1, { error: "Type what to search for." }).max(200, { error: "That search is too long: at most 200 characters." }),
  cursor: Seq.nullish(),
});

export const chatSearchRouter = router({
  /**
   * Messages the caller can read that contain every word searched for,
   * newest first, 20 a page. `indexing`: messages from before search
   * existed are still being added, so older ones may be missing for now.
   */
  messages: orgProcedure("GUEST")
    .input(SearchMessagesInput)
    .query(async ({ ctx, input }) => {
      const scope = { tx: ctx.tx, actor: ctx.actor };
      const indexed = await ensureIndexed(ctx.db, ctx.tx, ctx.actor.organizationId);
      return { ...(await searchMessages(scope, input.query, input.cursor ?? null)), indexing: !indexed };
    }),
});
