import { DomainError } from "../errors";
import type { MailScope } from "./mail-scope";

export type SelectedMessage = { id: string; mailboxId: string; folderId: string; isDraft: boolean; folderRole: string | null };

/**
 * Every one of `ids`, each in a mailbox the actor reads; if any is not (gone,
 * another person's, another organization's), the whole operation is refused
 * before anything changes.
 */
export async function selectMessages({ tx, actor }: MailScope, ids: readonly string[]): Promise<SelectedMessage[]> {
  const rows = await tx.mailMessage.findMany({
    where: {
      id: { in: [...ids] },
      organizationId: actor.organizationId,
      mailbox: { OR: [{ userId: actor.userId }, { members: { some: { userId: actor.userId } } }] },
    },
    select: { id: true, mailboxId: true, folderId: true, isDraft: true, folder: { select: { role: true } } },
  });
  if (rows.length !== new Set(ids).size) {
    throw new DomainError("NOT_FOUND", ids.length === 1 ? "This message does not exist or you cannot open it." : "Some of these messages no longer exist or you cannot open them. Nothing was changed.");
  }
  return rows.map(({ folder, ...row }) => ({ ...row, folderRole: folder.role }));
}
