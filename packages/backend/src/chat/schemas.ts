import { z } from "zod";
import { singleLineText } from "../text-input";

export const ChannelId = z.uuid({ error: "This channel does not exist, or you are not in it." });
export const MessageId = z.uuid({ error: "This message does not exist, or you cannot see it." });
/** A message position: the decimal seq of a message. */
export const Seq = z.string().regex(/^\d{1,19}$/, { error: "That is not a position in a channel." });

export const MessageBody = z
  .string()
  .trim()
  .min(1, { error: "Write a message first." })
  .max(10_000, { error: "That message is too long: at most 10,000 characters." });

export const Emoji = z
  .string()
  .min(1, { error: "Choose a reaction." })
  .max(32, { error: "That reaction is too long." })
  .refine((s) => !/[\s\u0000-\u001f\u007f]/.test(s), { error: "A reaction is a single emoji." });

export const ChannelName = singleLineText("a channel name", 80)
  .transform((s) => s.replace(/^#/, "").toLowerCase())
  .refine((s) => /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u.test(s), { error: "Use letters, digits, - and _ in a channel name, without spaces." });

/**
 * A page of a channel's main list. `cursor` with direction "forward" (the
 * default, as tRPC's infinite queries send it) pages older, with "backward"
 * newer; without a cursor, `around` centres the first page on a seq (the
 * first unread message), else it is the newest page.
 */
export const ListMessagesInput = z.object({
  channelId: ChannelId,
  cursor: Seq.nullish(),
  direction: z.enum(["forward", "backward"]).optional(),
  around: Seq.nullish(),
  /** Like `around`, at a message (a reply: at its thread's first message), as a notification link opens it. */
  aroundMessageId: MessageId.nullish(),
  limit: z.number().int().min(1).max(100).optional(),
});
/** parentId: the message this one replies to, in its thread. */
export const PostMessageInput = z
  .object({
    channelId: ChannelId,
    // Empty when files go alone.
    body: z.string().trim().max(10_000, { error: "That message is too long: at most 10,000 characters." }),
    parentId: MessageId.nullish(),
    attachmentIds: z.array(z.uuid()).max(10, { error: "Send at most 10 files in one message." }).default([]),
  })
  .refine((input) => input.body !== "" || input.attachmentIds.length > 0, { error: "Write a message first.", path: ["body"] });
/** A thread's replies, oldest first, after `cursor` (a seq). */
export const ListThreadInput = z.object({ messageId: MessageId, cursor: Seq.nullish(), limit: z.number().int().min(1).max(100).optional() });
/** The other people of a direct conversation: one for a direct message, up to seven for a group. */
export const OpenDirectInput = z.object({
  userIds: z
    .array(z.uuid({ error: "Someone you chose is not a member of your organization." }))
    .min(1, { error: "Choose someone to write to." })
    .max(8, { error: "A conversation has at most 8 people. Create a channel for more." }),
});
export const ChannelInput = z.object({ channelId: ChannelId });
export const EditMessageInput = z.object({ messageId: MessageId, body: MessageBody });
export const ReactInput = z.object({ messageId: MessageId, emoji: Emoji });
export const MarkReadInput = z.object({ channelId: ChannelId, seq: Seq });
export const CreateChannelInput = z.object({
  name: ChannelName,
  isPrivate: z.boolean().default(false),
  /** Left out: the organization's default workspace. */
  workspaceId: z.uuid({ error: "This workspace does not exist, or you cannot see it." }).optional(),
});
export const AddChannelMembersInput = z.object({ channelId: ChannelId, userIds: z.array(z.uuid()).min(1).max(200) });
