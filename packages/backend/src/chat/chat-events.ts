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

/**
 * Who is in which channel changed (a channel created, people added or
 * removed): their channel lists reload. `everyone`: a new public channel,
 * which everyone of its workspace may read, so every tab re-reads its channels.
 */
export const chatMembershipChanged = defineTopic(
  "chat_membership",
  z.object({ channelId: z.uuid(), userIds: z.array(z.uuid()).max(200), everyone: z.boolean().optional() }),
);

/** Someone is typing in a channel; never stored. Tabs show it for a few seconds unless it repeats. */
export const chatTyping = defineTopic("chat_typing", z.object({ channelId: z.uuid(), userId: z.uuid(), name: z.string().max(200) }));

/** Someone read a channel up to a point: their other tabs and devices update unread counts. */
export const chatReadMoved = defineTopic("chat_read", z.object({ channelId: z.uuid(), userId: z.uuid() }));
