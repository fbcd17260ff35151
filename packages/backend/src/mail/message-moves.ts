import type { MailFolderRole } from "@awan/db";
import type { AfterCommit } from "../after-commit";
import { DomainError } from "../errors";
import { findAccessibleFolder, folderByRole } from "./folders";
import { deleteMailMessages } from "./mail-store";
import { assertMailboxAccess, type MailScope } from "./mail-scope";
import { selectMessages, type SelectedMessage } from "./message-selection";

/** Moves messages to a folder of their own mailbox; every id is checked first. */
export async function moveMessages(scope: MailScope, ids: string[], folderId: string): Promise<{ moved: number }> {
  const target = await findAccessibleFolder(scope, folderId);
  const selected = await selectMessages(scope, ids);
  if (selected.some((m) => m.mailboxId !== target.mailboxId)) {
    throw new DomainError("INVALID_INPUT", `Messages can only move within their own mailbox: ${target.name} is in another one. Nothing was moved.`);
  }
  const { count } = await scope.tx.mailMessage.updateMany({ where: { id: { in: ids } }, data: { folderId } });
  return { moved: count };
}

/** Moves each message to the folder with `role` in its own mailbox (archive, delete to Trash, back to Inbox). */
export async function moveToRole(scope: MailScope, ids: string[], role: MailFolderRole): Promise<{ moved: number }> {
  const selected = await selectMessages(scope, ids);
  return { moved: await moveSelectedToRole(scope, selected, role) };
}

export async function moveSelectedToRole(scope: MailScope, selected: SelectedMessage[], role: MailFolderRole): Promise<number> {
  let moved = 0;
  for (const mailboxId of new Set(selected.map((m) => m.mailboxId))) {
    const folderId = await folderByRole(scope, mailboxId, role);
    const ids = selected.filter((m) => m.mailboxId === mailboxId).map((m) => m.id);
    moved += (await scope.tx.mailMessage.updateMany({ where: { id: { in: ids } }, data: { folderId } })).count;
  }
  return moved;
}

/** Out of Trash or Spam: drafts back to Drafts, everything else to Inbox. */
export async function restoreMessages(scope: MailScope, ids: string[]): Promise<{ moved: number }> {
  const selected = await selectMessages(scope, ids);
  const drafts = selected.filter((m) => m.isDraft);
  const others = selected.filter((m) => !m.isDraft);
  return { moved: (await moveSelectedToRole(scope, drafts, "DRAFTS")) + (await moveSelectedToRole(scope, others, "INBOX")) };
}

/** Deletes messages for good; only what is in Trash or Spam, so nothing goes without passing through Trash. */
export async function deleteForever(scope: MailScope, ids: string[], afterCommit: AfterCommit): Promise<{ deleted: number }> {
  const selected = await selectMessages(scope, ids);
  if (selected.some((m) => m.folderRole !== "TRASH" && m.folderRole !== "SPAM")) {
    throw new DomainError("INVALID_INPUT", "Only messages in Trash or Spam can be deleted forever. Move them to Trash first; nothing was deleted.");
  }
  return { deleted: await deleteMailMessages(scope.tx, scope.actor.organizationId, ids, afterCommit) };
}

/** Deletes everything in a mailbox's Trash for good. */
export async function emptyTrash(scope: MailScope, mailboxId: string, afterCommit: AfterCommit): Promise<{ deleted: number }> {
  await assertMailboxAccess(scope, mailboxId);
  const trash = await folderByRole(scope, mailboxId, "TRASH");
  const ids = (await scope.tx.mailMessage.findMany({ where: { folderId: trash }, select: { id: true } })).map((m) => m.id);
  return { deleted: await deleteMailMessages(scope.tx, scope.actor.organizationId, ids, afterCommit) };
}
