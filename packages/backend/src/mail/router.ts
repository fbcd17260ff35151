import { z } from "zod";
import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { openConversation } from "./conversations";
import { createFolder, deleteFolder, listFolders, renameFolder } from "./folders";
import type { MailScope } from "./mail-scope";
import { setRead, setStarred } from "./message-flags";
import { listFolderMessages } from "./message-list";
import { attachFromFiles, removeDraftAttachment } from "./draft-attachments";
import { discardDraft, openDraft, saveDraft } from "./drafts";
import { searchMail } from "./mail-search";
import { deleteForever, emptyTrash, moveMessages, moveToRole, restoreMessages } from "./message-moves";
import { sendMail } from "./send-mail";
import { suggestRecipients } from "./recipient-suggestions";
import { ComposeInput, FolderId, FolderName, MailboxId, MailMessageId, MailSeq, MessageIds } from "./schemas";

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
  deleteForever: mail.input(Selection).mutation(({ ctx, input }) => deleteForever(scopeOf(ctx), input.ids, ctx.afterCommit)),
  emptyTrash: mail.input(z.object({ mailboxId: MailboxId })).mutation(({ ctx, input }) => emptyTrash(scopeOf(ctx), input.mailboxId, ctx.afterCommit)),
  /** Messages in the person's mailboxes with every word of `query`, newest first. */
  search: mail
    .input(z.object({ query: z.string().trim().min(1, { error: "Type something to search for." }).max(500), cursor: MailSeq.nullish() }))
    .query(({ ctx, input }) => searchMail(scopeOf(ctx), input.query, input.cursor ?? null)),
  /** Saves compose as a draft, replacing `draftId`'s; answers the new draft's id. */
  saveDraft: mail.input(ComposeInput).mutation(({ ctx, input }) => saveDraft(scopeOf(ctx), input, ctx.afterCommit)),
  draft: mail.input(z.object({ draftId: MailMessageId })).query(({ ctx, input }) => openDraft(scopeOf(ctx), input.draftId)),
  discardDraft: mail.input(z.object({ draftId: MailMessageId })).mutation(({ ctx, input }) => discardDraft(scopeOf(ctx), input.draftId, ctx.afterCommit)),
  attachFromFiles: mail
    .input(z.object({ draftId: MailMessageId, fileId: z.uuid({ error: "This file does not exist, or you cannot see it." }) }))
    .mutation(({ ctx, input }) => attachFromFiles(scopeOf(ctx), input.draftId, input.fileId)),
  removeDraftAttachment: mail
    .input(z.object({ attachmentId: z.uuid({ error: "This file is no longer on the draft." }) }))
    .mutation(({ ctx, input }) => removeDraftAttachment(scopeOf(ctx), input.attachmentId, ctx.afterCommit)),
  send: mail
    .input(ComposeInput.extend({ forwardOfId: MailMessageId.nullish() }))
    .mutation(({ ctx, input }) => sendMail(scopeOf(ctx), input, { db: ctx.db, afterCommit: ctx.afterCommit })),
  suggestRecipients: mail.input(z.object({ query: z.string().max(200) })).query(({ ctx, input }) => suggestRecipients(scopeOf(ctx), input.query)),
});
