import { z } from "zod";
import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { openConversation } from "./conversations";
import { createFolder, deleteFolder, listFolders, renameFolder } from "./folders";
import type { MailScope } from "./mail-scope";
import { setRead, setStarred } from "./message-flags";
import { listFolderMessages } from "./message-list";
import { moveMessages, moveToRole, restoreMessages } from "./message-moves";
import { suggestRecipients } from "./recipient-suggestions";
import { FolderId, FolderName, MailboxId, MailMessageId, MailSeq, MessageIds } from "./schemas";

// Guests are members of the organization too and have a mailbox: every
// service confines them, as everyone, to the mailboxes they read.
const mail = orgProcedure("GUEST");
const scopeOf = ({ tx, actor }: MailScope): MailScope => ({ tx, actor });
const Selection = z.object({ ids: MessageIds });

export const mailRouter = router({
  folders: mail.query(({ ctx }) => listFolders(scopeOf(ctx))),
  createFolder: mail.input(z.object({ mailboxId: MailboxId, name: FolderName })).mutation(({ ctx, input }) => createFolder(scopeOf(ctx), input.mailboxId, input.name)),
  renameFolder: mail.input(z.object({ folderId: FolderId, name: FolderName })).mutation(({ ctx, input }) => renameFolder(scopeOf(ctx), input.folderId, input.name)),
  deleteFolder: mail.input(z.object({ folderId: FolderId })).mutation(({ ctx, input }) => deleteFolder(scopeOf(ctx), input.folderId)),
  /** A folder's messages, newest first; `cursor` is the last seq of the previous page. */
  messages: mail
    .input(z.object({ folderId: FolderId, cursor: MailSeq.nullish(), limit: z.number().int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => listFolderMessages(scopeOf(ctx), input.folderId, input.cursor ?? null, input.limit)),
  conversation: mail.input(z.object({ messageId: MailMessageId })).query(({ ctx, input }) => openConversation(scopeOf(ctx), input.messageId)),
  setRead: mail.input(Selection.extend({ isRead: z.boolean() })).mutation(({ ctx, input }) => setRead(scopeOf(ctx), input.ids, input.isRead)),
  setStarred: mail.input(Selection.extend({ isStarred: z.boolean() })).mutation(({ ctx, input }) => setStarred(scopeOf(ctx), input.ids, input.isStarred)),
  move: mail.input(Selection.extend({ folderId: FolderId })).mutation(({ ctx, input }) => moveMessages(scopeOf(ctx), input.ids, input.folderId)),
  archive: mail.input(Selection).mutation(({ ctx, input }) => moveToRole(scopeOf(ctx), input.ids, "ARCHIVE")),
  trash: mail.input(Selection).mutation(({ ctx, input }) => moveToRole(scopeOf(ctx), input.ids, "TRASH")),
  restore: mail.input(Selection).mutation(({ ctx, input }) => restoreMessages(scopeOf(ctx), input.ids)),
  suggestRecipients: mail.input(z.object({ query: z.string().max(200) })).query(({ ctx, input }) => suggestRecipients(scopeOf(ctx), input.query)),
});
