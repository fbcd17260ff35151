import { z } from "zod";
import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import type { ChatScope } from "./chat-scope";
import { attachFromFiles } from "./attachments";
import { addChannelMembers, createChannel, listChannelMembers, listMyChannels } from "./channels";
import { listDirectCandidates, openDirect } from "./direct-conversations";
import { deleteMessage, editMessage, listMessages, markRead, postMessage, react } from "./messages";
import { listThread } from "./threads";
import {
  AddChannelMembersInput,
  ChannelInput,
  CreateChannelInput,
  EditMessageInput,
  ListMessagesInput,
  ListThreadInput,
  MarkReadInput,
  MessageId,
  OpenDirectInput,
  PostMessageInput,
  ReactInput,
} from "./schemas";

// Guests may chat where they were invited; every service checks channel membership.
const chat = orgProcedure("GUEST");
const scopeOf = ({ tx, actor }: ChatScope): ChatScope => ({ tx, actor });

export const chatRouter = router({
  channels: chat.query(({ ctx }) => listMyChannels(scopeOf(ctx))),
  createChannel: orgProcedure("MEMBER").input(CreateChannelInput).mutation(({ ctx, input }) => createChannel(scopeOf(ctx), input)),
  addMembers: chat.input(AddChannelMembersInput).mutation(({ ctx, input }) => addChannelMembers(scopeOf(ctx), input.channelId, input.userIds)),
  members: chat.input(ChannelInput).query(({ ctx, input }) => listChannelMembers(scopeOf(ctx), input.channelId)),
  messages: chat.input(ListMessagesInput).query(({ ctx, input }) => listMessages(scopeOf(ctx), input.channelId, input, input.limit)),
  thread: chat.input(ListThreadInput).query(({ ctx, input }) => listThread(scopeOf(ctx), input.messageId, input.cursor ?? null, input.limit)),
  post: chat.input(PostMessageInput).mutation(({ ctx, input }) => postMessage(scopeOf(ctx), input.channelId, input.body, input.parentId ?? null, input.attachmentIds)),
  directCandidates: chat.query(({ ctx }) => listDirectCandidates(scopeOf(ctx))),
  openDirect: chat.input(OpenDirectInput).mutation(({ ctx, input }) => openDirect(scopeOf(ctx), input.userIds)),
  edit: chat.input(EditMessageInput).mutation(({ ctx, input }) => editMessage(scopeOf(ctx), input.messageId, input.body)),
  delete: chat.input(z.object({ messageId: MessageId })).mutation(({ ctx, input }) => deleteMessage(scopeOf(ctx), input.messageId)),
  react: chat.input(ReactInput).mutation(({ ctx, input }) => react(scopeOf(ctx), input.messageId, input.emoji, true)),
  unreact: chat.input(ReactInput).mutation(({ ctx, input }) => react(scopeOf(ctx), input.messageId, input.emoji, false)),
  /** A file from Files, ready to send with the next message. */
  attachFromFiles: chat.input(z.object({ fileId: z.uuid({ error: "This file does not exist, or you cannot see it." }) })).mutation(({ ctx, input }) => attachFromFiles(scopeOf(ctx), input.fileId)),
  markRead: chat.input(MarkReadInput).mutation(({ ctx, input }) => markRead(scopeOf(ctx), input.channelId, input.seq)),
});
