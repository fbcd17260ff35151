import { isPrismaError, PrismaErrorCode, type MailFolderRole } from "@awan/db";
import { DomainError } from "../errors";
import { accessibleMailboxes, assertMailboxAccess, type MailScope } from "./mail-scope";

/** The order folders are listed in; user folders follow, by name. */
const ROLE_ORDER: MailFolderRole[] = ["INBOX", "DRAFTS", "SENT", "ARCHIVE", "SPAM", "TRASH"];

export type MailFolderView = { id: string; name: string; role: MailFolderRole | null; unread: number; total: number };

/**
 * The actor's mailboxes (own first, then shared), each with its folders and
 * their unread and total counts, read by one grouped count per mailbox set.
 */
export async function listFolders(scope: MailScope) {
  const { tx } = scope;
  const mailboxes = await accessibleMailboxes(scope);
  const ids = mailboxes.map((m) => m.id);
  const [folders, counts] = await Promise.all([
    tx.mailFolder.findMany({ where: { mailboxId: { in: ids } }, select: { id: true, mailboxId: true, name: true, role: true } }),
    tx.mailMessage.groupBy({ by: ["folderId", "isRead"], where: { mailboxId: { in: ids } }, _count: { _all: true } }),
  ]);
  const unread = new Map<string, number>();
  const total = new Map<string, number>();
  for (const c of counts) {
    total.set(c.folderId, (total.get(c.folderId) ?? 0) + c._count._all);
    if (!c.isRead) unread.set(c.folderId, (unread.get(c.folderId) ?? 0) + c._count._all);
  }
  const rank = (f: { role: MailFolderRole | null }) => (f.role ? ROLE_ORDER.indexOf(f.role) : ROLE_ORDER.length);
  return mailboxes.map((mailbox) => ({
    ...mailbox,
    folders: folders
      .filter((f) => f.mailboxId === mailbox.id)
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
      .map((f): MailFolderView => ({ id: f.id, name: f.name, role: f.role, unread: unread.get(f.id) ?? 0, total: total.get(f.id) ?? 0 })),
  }));
}

/** A folder of a mailbox the actor reads, or NOT_FOUND (also for other organizations' ids). */
export async function findAccessibleFolder({ tx, actor }: MailScope, folderId: string) {
  const folder = await tx.mailFolder.findFirst({
    where: {
      id: folderId,
      organizationId: actor.organizationId,
      mailbox: { OR: [{ userId: actor.userId }, { members: { some: { userId: actor.userId } } }] },
    },
    select: { id: true, mailboxId: true, name: true, role: true },
  });
  if (!folder) throw new DomainError("NOT_FOUND", "This folder does not exist or you cannot open it.");
  return folder;
}

/** The folder with `role` in a mailbox (every mailbox has all six). */
export async function folderByRole({ tx }: MailScope, mailboxId: string, role: MailFolderRole) {
  const folder = await tx.mailFolder.findUnique({ where: { mailboxId_role: { mailboxId, role } }, select: { id: true } });
  if (!folder) throw new Error(`Mailbox ${mailboxId} has no ${role} folder.`);
  return folder.id;
}

async function userFolder(scope: MailScope, folderId: string) {
  const folder = await findAccessibleFolder(scope, folderId);
  if (folder.role) throw new DomainError("FORBIDDEN", `${folder.name} is a standard folder: it cannot be renamed or deleted.`);
  return folder;
}

function nameTaken(error: unknown, name: string): never {
  if (isPrismaError(error, PrismaErrorCode.UniqueConstraint)) {
    throw new DomainError("CONFLICT", `There is already a folder named “${name}”.`);
  }
  throw error;
}

export async function createFolder(scope: MailScope, mailboxId: string, name: string) {
  await assertMailboxAccess(scope, mailboxId);
  return scope.tx.mailFolder
    .create({ data: { organizationId: scope.actor.organizationId, mailboxId, name }, select: { id: true, name: true } })
    .catch((error: unknown) => nameTaken(error, name));
}

export async function renameFolder(scope: MailScope, folderId: string, name: string) {
  await userFolder(scope, folderId);
  return scope.tx.mailFolder.update({ where: { id: folderId }, data: { name }, select: { id: true, name: true } }).catch((error: unknown) => nameTaken(error, name));
}

/** Deletes a user folder; its messages go to Trash first, so nothing is lost by it. */
export async function deleteFolder(scope: MailScope, folderId: string): Promise<{ movedToTrash: number }> {
  const folder = await userFolder(scope, folderId);
  const trash = await folderByRole(scope, folder.mailboxId, "TRASH");
  const moved = await scope.tx.mailMessage.updateMany({ where: { folderId }, data: { folderId: trash } });
  await scope.tx.mailFolder.delete({ where: { id: folderId } });
  return { movedToTrash: moved.count };
}
