import { z } from "zod";
import { defineTopic } from "../events/topic";

/**
 * Something changed in a channel's messages. Events carry ids only: each
 * subscriber loads the message itself, as who it is (its own reactions,
 * its membership checked), and bodies never travel in a notification.
 */
export const chatMessageChanged = defineTopic(
  "chat_message",
  z.object({
    channelId: z.uuid(),
    messageId: z.uuid(),
    seq: z.string(),
    change: z.enum(["posted", "edited", "deleted", "reacted"]),
  }),
);
export type ChatMessageChange = z.infer<typeof chatMessageChanged.data>;
