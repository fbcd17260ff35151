import { ensurePersonalMailboxes } from "./provisioning";
import type { MailScope } from "./mail-scope";

const MAX_SUGGESTIONS = 8;

export type RecipientSuggestion = { name: string; address: string; kind: "PERSONAL" | "SHARED" };

/**
 * Addresses in the actor's organization (members' mailboxes, their aliases
 * and shared mailboxes) whose address or name contains `query`, for the To,
 * Cc and Bcc fields. Every member is given a mailbox first, so a colleague
 * who never opened Mail can still be written to.
 */
export async function suggestRecipients(scope: MailScope, query: string): Promise<RecipientSuggestion[]> {
  const { tx, actor } = scope;
  const q = query.trim().toLowerCase();
  if (q.length === 0) return [];
  await ensurePersonalMailboxes(tx, actor.organizationId);
  const rows = await tx.mailAddress.findMany({
    where: {
      organizationId: actor.organizationId,
      OR: [{ address: { contains: q } }, { mailbox: { displayName: { contains: q, mode: "insensitive" } } }],
    },
    select: { address: true, isPrimary: true, mailbox: { select: { displayName: true, kind: true } } },
    orderBy: [{ isPrimary: "desc" }, { address: "asc" }],
    take: MAX_SUGGESTIONS,
  });
  return rows.map((r) => ({ name: r.mailbox.displayName, address: r.address, kind: r.mailbox.kind }));
}
