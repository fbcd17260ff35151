import crypto from "node:crypto";
import type { MailFolderRole, ScopedDb } from "@awan/db";
import type { AfterCommit } from "../after-commit";
import { DomainError } from "../errors";
import { publishEvent } from "../events/publish-event";
import { cloneBlob, getStorageEngine, type StoredPack } from "../storage";
import { readMailContent, type MailContent } from "./mail-content";
import { mailMessageStored } from "./mail-events";
import { MAIL_TOKEN_BYTES, mailIndexTokens, messageIdHash, referenceToken } from "./mail-search-index";
import { effectiveMailSettings } from "./mail-settings";
import { sealSummary } from "./mail-summary";

// A message is its raw RFC 5322 bytes, a blob in the storage engine
// (encrypted, replicated, durable before anything refers to it), plus a
// MailMessage row with a sealed summary, its thread and its search tokens.
// The bytes are written before the transaction that records them, so no
// database connection waits on a disk; see prepareMail and recordMail.

export type MailFolderTarget = MailFolderRole | { id: string };

/** Where one copy of a message goes, and how it starts out. */
export type MailPlacement = {
  mailboxId: string;
  folder: MailFolderTarget;
  isRead?: boolean;
  isDraft?: boolean;
  /** SPF/DKIM/DMARC verdicts of inbound mail (message-authentication.ts). */
  authResults?: object | null;
};

export type StoreMailInput = MailPlacement & { organizationId: string; raw: Buffer };
export type StoredMail = { id: string; threadId: string; folderId: string };

/** The raw bytes durable in the storage engine, not yet recorded, and what was read from them. */
export type PreparedMail = { organizationId: string; size: number; blobId: string; pack: StoredPack; content: MailContent };

export type MailLimits = { mailboxQuotaBytes: number; maxMessageBytes: number };

/** The organization's mailbox quota and largest message (its MailSettings, or the defaults). */
export async function mailLimits(tx: ScopedDb, organizationId: string): Promise<MailLimits> {
  const { mailboxQuotaBytes, maxMessageBytes } = await effectiveMailSettings(tx, organizationId);
  return { mailboxQuotaBytes, maxMessageBytes };
}

/**
 * Writes the raw bytes through the storage engine (durable on the write
 * quorum when this resolves) and parses them. Record it with recordMail, or
 * give it back with `prepared.pack.discard()` when nothing recorded it.
 */
export async function prepareMail(organizationId: string, raw: Buffer): Promise<PreparedMail> {
  if (raw.length === 0) throw new DomainError("INVALID_INPUT", "An empty message cannot be stored.");
  const [content, pack] = await Promise.all([readMailContent(raw), getStorageEngine().storeSmall(organizationId, [raw])]);
  return { organizationId, size: raw.length, blobId: pack.blobs[0]!.blobId, pack, content };
}

async function folderIdFor(tx: ScopedDb, organizationId: string, mailboxId: string, folder: MailFolderTarget): Promise<string> {
  const found = await tx.mailFolder.findFirst({
    where: { organizationId, mailboxId, ...(typeof folder === "string" ? { role: folder } : { id: folder.id }) },
    select: { id: true },
  });
  if (!found) throw new DomainError("NOT_FOUND", "This folder does not exist in this mailbox.");
  return found.id;
}

/**
 * Adds `size` to the mailbox's used bytes if it stays within the quota, in
 * one statement: concurrent deliveries wait for each other on the row, and
 * each sees the others' bytes. Refuses with QUOTA_EXCEEDED, changing nothing.
 */
async function reserveMailboxSpace(tx: ScopedDb, organizationId: string, mailboxId: string, size: number, quota: number): Promise<void> {
  const reserved = await tx.$executeRaw`UPDATE "Mailbox" SET "usedBytes" = "usedBytes" + ${size}
    WHERE "id" = ${mailboxId}::uuid AND "organizationId" = ${organizationId}::uuid AND "usedBytes" + ${size} <= ${quota}`;
  if (reserved === 0) throw new DomainError("QUOTA_EXCEEDED", "This mailbox is full.");
}

/** The thread of the message this one is (the same Message-ID) or answers; null when it starts a new one. */
async function findThread(tx: ScopedDb, mailboxId: string, hashes: string[]): Promise<string | null> {
  if (hashes.length === 0) return null;
  const found = await tx.mailMessage.findFirst({
    where: { mailboxId, messageIdHash: { in: hashes } },
    select: { threadId: true },
    orderBy: { seq: "asc" },
  });
  return found?.threadId ?? null;
}

/** The thread of a message already here that answers this one (it arrived first). */
async function findAnswersThread(tx: ScopedDb, mailboxId: string, token: Uint8Array<ArrayBuffer>): Promise<string | null> {
  const found = await tx.mailMessage.findFirst({ where: { mailboxId, searchTokens: { some: { token } } }, select: { threadId: true }, orderBy: { seq: "asc" } });
  return found?.threadId ?? null;
}

async function insertMessage(tx: ScopedDb, prepared: PreparedMail, placement: MailPlacement, folderId: string, blobId: string): Promise<StoredMail> {
  const { organizationId, content } = prepared;
  const keys = await getStorageEngine().organizationKeys(tx, organizationId);
  const ownHash = content.messageId ? messageIdHash(keys, content.messageId) : null;
  const answered = content.references.map((id) => messageIdHash(keys, id));
  const threadId =
    (await findThread(tx, placement.mailboxId, [...(ownHash ? [ownHash] : []), ...answered])) ??
    (ownHash ? await findAnswersThread(tx, placement.mailboxId, referenceToken(keys, ownHash)) : null) ??
    crypto.randomUUID();
  const id = crypto.randomUUID();
  await tx.mailMessage.create({
    data: {
      id,
      organizationId,
      mailboxId: placement.mailboxId,
      folderId,
      threadId,
      blobId,
      messageIdHash: ownHash,
      summary: await sealSummary(keys.dataKey, organizationId, id, content.summary),
      size: prepared.size,
      hasAttachments: content.hasAttachments,
      isRead: placement.isRead ?? false,
      isDraft: placement.isDraft ?? false,
      authResults: placement.authResults ?? undefined,
      sentAt: content.sentAt ?? new Date(),
    },
    select: { id: true },
  });
  const tokens = [...mailIndexTokens(keys, content.searchText), ...answered.map((hash) => referenceToken(keys, hash))];
  if (tokens.length > 0) {
    // One statement, the tokens sent as one bytea cut up by the server: a 10 KiB message has ~1,600 of them.
    const packed = Buffer.concat(tokens);
    await tx.$executeRaw`INSERT INTO "MailSearchToken" ("organizationId", "messageId", "token")
      SELECT ${organizationId}::uuid, ${id}::uuid, substring(${packed}::bytea FROM i * ${MAIL_TOKEN_BYTES} + 1 FOR ${MAIL_TOKEN_BYTES})
      FROM generate_series(0, ${tokens.length - 1}) AS i
      ON CONFLICT DO NOTHING`;
  }
  await publishEvent(tx, mailMessageStored, { organizationId, data: { mailboxId: placement.mailboxId, messageId: id, folderId } });
  return { id, threadId, folderId };
}

/**
 * Records a prepared message in each placement's mailbox, in `tx` (scoped to
 * the organization): one copy each, sharing the stored bytes. A placement
 * that cannot take it (folder not in the mailbox, quota) gets its
 * DomainError in the result and changes nothing; the transaction stays
 * usable. When no placement took it, nothing is recorded and the caller
 * discards the pack.
 */
export async function recordMail(tx: ScopedDb, prepared: PreparedMail, placements: MailPlacement[]): Promise<(StoredMail | DomainError)[]> {
  const { organizationId, size } = prepared;
  const limits = await mailLimits(tx, organizationId);
  const results: (StoredMail | DomainError)[] = placements.map(() => new DomainError("NOT_FOUND", "Not placed."));
  const accepted: { index: number; folderId: string }[] = [];
  // Mailbox rows are locked in id order, so two deliveries to the same people never deadlock.
  const order = placements.map((p, index) => ({ p, index })).sort((a, b) => (a.p.mailboxId < b.p.mailboxId ? -1 : 1));
  for (const { p, index } of order) {
    try {
      if (size > limits.mailboxQuotaBytes) throw new DomainError("QUOTA_EXCEEDED", "This message is larger than a whole mailbox.");
      const folderId = await folderIdFor(tx, organizationId, p.mailboxId, p.folder);
      await reserveMailboxSpace(tx, organizationId, p.mailboxId, size, limits.mailboxQuotaBytes);
      accepted.push({ index, folderId });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results[index] = error;
    }
  }
  if (accepted.length === 0) return results;
  await prepared.pack.record(tx);
  for (const [n, { index, folderId }] of accepted.entries()) {
    const blobId = n === 0 ? prepared.blobId : await cloneBlob(tx, organizationId, prepared.blobId);
    results[index] = await insertMessage(tx, prepared, placements[index]!, folderId, blobId);
  }
  // Copies made surplus by identical bytes stored before are nobody's: their deletion needs no commit.
  await prepared.pack.afterCommit().catch(() => {}); // one left behind is an orphan the start-up sweep removes
  return results;
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
  const prepared = await prepareMail(organizationId, raw);
  let results: (StoredMail | DomainError)[];
  try {
    results = await recordMail(tx, prepared, [placement]);
  } catch (error) {
    await prepared.pack.discard();
    throw error;
  }
  const result = results[0]!;
  if (result instanceof DomainError) {
    await prepared.pack.discard();
    throw result;
  }
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
