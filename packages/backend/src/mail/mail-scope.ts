import type { ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { getStorageEngine } from "../storage/engine-instance";
import type { Actor } from "../tenancy/memberships";
import { ensurePersonalMailbox } from "./provisioning";

/** What every webmail service works with: the organization-scoped transaction and who acts. */
export type MailScope = { tx: ScopedDb; actor: Actor };

/** The organization's keys: the data key seals summaries, the search key hashes words. */
export function mailKeys({ tx, actor }: MailScope) {
  return getStorageEngine().organizationKeys(tx, actor.organizationId);
}

export type AccessibleMailbox = { id: string; kind: "PERSONAL" | "SHARED"; displayName: string; address: string | null };

/** The mailboxes the actor reads: their own (made on first need) and the shared ones they belong to. */
export async function accessibleMailboxes(scope: MailScope): Promise<AccessibleMailbox[]> {
  const { tx, actor } = scope;
  await ensurePersonalMailbox(tx, actor.organizationId, actor.userId);
  const rows = await tx.mailbox.findMany({
    where: { organizationId: actor.organizationId, OR: [{ userId: actor.userId }, { members: { some: { userId: actor.userId } } }] },
    select: { id: true, kind: true, displayName: true, addresses: { where: { isPrimary: true }, select: { address: true } } },
    orderBy: [{ kind: "asc" }, { displayName: "asc" }],
  });
  return rows.map((m) => ({ id: m.id, kind: m.kind, displayName: m.displayName, address: m.addresses[0]?.address ?? null }));
}

/** Refuses a mailbox the actor may not read, with the same answer as one that does not exist. */
export async function assertMailboxAccess({ tx, actor }: MailScope, mailboxId: string): Promise<void> {
  const found = await tx.mailbox.findFirst({
    where: { id: mailboxId, organizationId: actor.organizationId, OR: [{ userId: actor.userId }, { members: { some: { userId: actor.userId } } }] },
    select: { id: true },
  });
  if (!found) throw new DomainError("NOT_FOUND", "This mailbox does not exist or you cannot open it.");
}

export type ReadableMessage = { id: string; mailboxId: string; folderId: string; threadId: string; blobId: string; size: number };

/** A message in a mailbox the actor reads, or NOT_FOUND (also for other organizations' ids). */
export async function findReadableMessage(scope: MailScope, messageId: string): Promise<ReadableMessage> {
  const { tx, actor } = scope;
  const message = await tx.mailMessage.findFirst({
    where: {
      id: messageId,
      organizationId: actor.organizationId,
      mailbox: { OR: [{ userId: actor.userId }, { members: { some: { userId: actor.userId } } }] },
    },
    select: { id: true, mailboxId: true, folderId: true, threadId: true, blobId: true, size: true },
  });
  if (!message) throw new DomainError("NOT_FOUND", "This message does not exist or you cannot open it.");
  return message;
}
