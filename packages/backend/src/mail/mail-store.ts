import type { ScopedDb } from "@awan/db";
import type { AfterCommit } from "../after-commit";
import { DomainError } from "../errors";
import { getStorageEngine } from "../storage";
import { readMailContent } from "./mail-content";
import { recordMails, type MailPlacement, type PreparedMails, type StoredMail } from "./mail-recording";

// A message is its raw RFC 5322 bytes, a blob in the storage engine
// (encrypted, replicated, durable before anything refers to it), plus a
// MailMessage row with a sealed summary, its thread and its search tokens.
// The bytes are written before the transaction that records them, so no
// database connection waits on a disk: prepareMail, then recordMails
// (mail-recording.ts).

export type StoreMailInput = MailPlacement & { organizationId: string; raw: Buffer };

/**
 * Writes messages' raw bytes through the storage engine, packed together
 * (durable on the write quorum when this resolves), and parses them.
 * Record them with recordMails, or give them back with `pack.discard()`
 * when nothing recorded them.
 */
export async function prepareMail(organizationId: string, raws: Buffer[]): Promise<PreparedMails> {
  if (raws.some((raw) => raw.length === 0)) throw new DomainError("INVALID_INPUT", "An empty message cannot be stored.");
  const [contents, pack] = await Promise.all([Promise.all(raws.map(readMailContent)), getStorageEngine().storeSmall(organizationId, raws)]);
  return { organizationId, pack, mails: raws.map((raw, i) => ({ size: raw.length, blobId: pack.blobs[i]!.blobId, content: contents[i]! })) };
}

/**
 * Stores one message in a mailbox folder: the raw bytes through the storage
 * engine, the row with its sealed summary, thread and search tokens, its
 * size added to the mailbox's used bytes (QUOTA_EXCEEDED past the quota,
 * nothing stored), and a `mail` event sent when `tx` commits.
 * `tx` is scoped to the organization.
 */
export async function storeMailMessage(tx: ScopedDb, input: StoreMailInput): Promise<StoredMail> {
  const { organizationId, raw, ...placement } = input;
  const prepared = await prepareMail(organizationId, [raw]);
  let result: StoredMail | DomainError;
  try {
    result = (await recordMails(tx, prepared, [[placement]])).results[0]![0]!;
  } catch (error) {
    await prepared.pack.discard();
    throw error;
  }
  if (result instanceof DomainError) {
    await prepared.pack.discard();
    throw result;
  }
  // Copies made surplus by identical bytes stored before are nobody's: their deletion needs no commit.
  await prepared.pack.afterCommit().catch(() => {}); // one left behind is an orphan the start-up sweep removes
  return result;
}

/** A stored message's raw bytes (read with the organization's keys; a blob of another organization is NOT_FOUND). */
export function readRawMessage(organizationId: string, blobId: string): Promise<Buffer> {
  return getStorageEngine().readAll(organizationId, blobId);
}

/**
 * Deletes messages for good: rows, search tokens, draft files, and their
 * bytes from the mailboxes' used bytes; the stored bytes go after the
 * commit (`afterCommit`, see after-commit.ts). Ids not in the organization
 * are ignored. Returns how many were deleted.
 */
export async function deleteMailMessages(tx: ScopedDb, organizationId: string, messageIds: string[], afterCommit: AfterCommit): Promise<number> {
  if (messageIds.length === 0) return 0;
  const doomed = await tx.mailMessage.findMany({
    where: { id: { in: messageIds }, organizationId },
    select: { id: true, mailboxId: true, size: true, blobId: true, draftFiles: { select: { blobId: true } } },
    orderBy: { mailboxId: "asc" },
  });
  if (doomed.length === 0) return 0;
  const freed = new Map<string, number>();
  for (const m of doomed) freed.set(m.mailboxId, (freed.get(m.mailboxId) ?? 0) + m.size);
  for (const [mailboxId, bytes] of freed) {
    await tx.$executeRaw`UPDATE "Mailbox" SET "usedBytes" = greatest("usedBytes" - ${bytes}, 0)
      WHERE "id" = ${mailboxId}::uuid AND "organizationId" = ${organizationId}::uuid`;
  }
  await tx.mailMessage.deleteMany({ where: { id: { in: doomed.map((m) => m.id) }, organizationId } });
  const blobIds = doomed.flatMap((m) => [m.blobId, ...m.draftFiles.map((f) => f.blobId)]);
  afterCommit(async () => {
    const engine = getStorageEngine();
    for (const blobId of blobIds) await engine.delete(organizationId, blobId);
  });
  return doomed.length;
}

/** deleteMailMessages for one message; NOT_FOUND when it is not in the organization. */
export async function deleteMailMessage(tx: ScopedDb, organizationId: string, messageId: string, afterCommit: AfterCommit): Promise<void> {
  if ((await deleteMailMessages(tx, organizationId, [messageId], afterCommit)) === 0) {
    throw new DomainError("NOT_FOUND", "This message does not exist or you cannot open it.");
  }
}
