import type { MailFolderRole } from "@awan/db";
import { openSummary, type MailSummary } from "./mail-summary";
import { mailKeys, type MailScope } from "./mail-scope";

/** What a list row or a conversation entry is read from. */
export const MESSAGE_VIEW_SELECT = {
  id: true,
  mailboxId: true,
  folderId: true,
  threadId: true,
  seq: true,
  summary: true,
  size: true,
  hasAttachments: true,
  isRead: true,
  isStarred: true,
  isDraft: true,
  sentAt: true,
  folder: { select: { role: true, name: true } },
} as const;

type ViewRow = {
  id: string;
  mailboxId: string;
  folderId: string;
  threadId: string;
  seq: bigint;
  summary: Uint8Array;
  size: number;
  hasAttachments: boolean;
  isRead: boolean;
  isStarred: boolean;
  isDraft: boolean;
  sentAt: Date;
  folder: { role: MailFolderRole | null; name: string };
};

export type MailMessageView = Omit<ViewRow, "seq" | "summary" | "folder"> &
  MailSummary & { seq: string; folderRole: MailFolderRole | null; folderName: string };

/** Opens the sealed summaries of the rows shown, and only those. */
export async function viewMessages(scope: MailScope, rows: ViewRow[]): Promise<MailMessageView[]> {
  if (rows.length === 0) return [];
  const { dataKey } = await mailKeys(scope);
  return Promise.all(
    rows.map(async ({ seq, summary, folder, ...row }) => ({
      ...row,
      ...(await openSummary(dataKey, scope.actor.organizationId, row.id, summary)),
      seq: String(seq),
      folderRole: folder.role,
      folderName: folder.name,
    })),
  );
}
