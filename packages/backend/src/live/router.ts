import { router } from "../trpc/init";
import { orgStreamProcedure } from "../trpc/procedures";
import { liveFeed } from "./live-feed";

export const liveRouter = router({
  /**
   * The tab's one live stream over server-sent events (see liveFeed). On
   * reconnection it starts again with `ready`, and the tab reloads what it
   * shows; there is no event id to resume from.
   */
  onEvent: orgStreamProcedure("GUEST").subscription(({ ctx, signal }) => liveFeed(ctx.db, ctx.actor, signal)),
});
