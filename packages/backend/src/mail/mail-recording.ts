import crypto from "node:crypto";
import type { MailFolderRole, ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { publishEvents } from "../events/publish-event";
import { cloneBlob, getStorageEngine, type StoredPack } from "../storage";
import type { MailContent } from "./mail-content";
import { mailMessageStored } from "./mail-events";
import { MAIL_TOKEN_BYTES, mailIndexTokens, messageIdHash } from "./mail-search-index";
import { effectiveMailSettings } from "./mail-settings";
import { sealSummary } from "./mail-summary";
import { assignThreads } from "./mail-threads";

// Recording messages whose bytes are already durable (mail-store prepareMail):
// one transaction records a whole batch of them in a fixed number of
// statements, whatever its size, so that a busy SMTP server commits many
// messages per transaction (see delivery-batches.ts) instead of paying a
// dozen round trips for each.

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

export type StoredMail = { id: string; threadId: string; folderId: string };

/** One message's bytes, durable in the storage engine as a blob of `PreparedMails.pack`, and what was read from them. */
export type PreparedMail = { size: number; blobId: string; content: MailContent };

/** Messages written together through the storage engine, not yet recorded. */
export type PreparedMails = { organizationId: string; pack: StoredPack; mails: PreparedMail[] };

export type MailLimits = { mailboxQuotaBytes: number; maxMessageBytes: number };

/** The organization's mailbox quota and largest message (its MailSettings, or the defaults). */
export async function mailLimits(tx: ScopedDb, organizationId: string): Promise<MailLimits> {
  const { mailboxQuotaBytes, maxMessageBytes } = await effectiveMailSettings(tx, organizationId);
  return { mailboxQuotaBytes, maxMessageBytes };
}

/** What became of each message of a batch: per placement, its copy or why it has none; and blobs no copy uses. */
export type RecordedMails = { results: (StoredMail | DomainError)[][]; unusedBlobIds: string[]; recorded: boolean };

type Copy = { mail: number; placement: number; mailboxId: string; target: MailPlacement; folderId?: string };

const folderKey = (mailboxId: string, folder: MailFolderTarget) => `${mailboxId}/${typeof folder === "string" ? folder : folder.id}`;

/** The folder id of each copy's target, in one query; a folder not in the copy's mailbox is missing from the map. */
async function resolveFolders(tx: ScopedDb, organizationId: string, copies: Copy[]): Promise<Map<string, string>> {
  const mailboxIds = [...new Set(copies.map((c) => c.mailboxId))];
  const roles = [...new Set(copies.flatMap((c) => (typeof c.target.folder === "string" ? [c.target.folder] : [])))];
  const ids = [...new Set(copies.flatMap((c) => (typeof c.target.folder === "string" ? [] : [c.target.folder.id])))];
  const rows = await tx.mailFolder.findMany({
    where: { organizationId, mailboxId: { in: mailboxIds }, OR: [{ role: { in: roles } }, { id: { in: ids } }] },
    select: { id: true, mailboxId: true, role: true },
  });
  const found = new Map<string, string>();
  for (const r of rows) {
    found.set(folderKey(r.mailboxId, { id: r.id }), r.id);
    if (r.role) found.set(folderKey(r.mailboxId, r.role), r.id);
  }
  return found;
}

/**
 * Reserves each copy's bytes in its mailbox, in order, as long as the quota
 * allows: the mailbox rows are locked in id order (so concurrent deliveries
 * never deadlock and each sees the others' bytes), then updated in one
 * statement. Returns the copies that fit.
 */
async function reserveSpace(tx: ScopedDb, organizationId: string, copies: { copy: Copy; size: number }[], quota: number): Promise<Set<Copy>> {
  const mailboxIds = [...new Set(copies.map((c) => c.copy.mailboxId))].sort();
  if (mailboxIds.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string; usedBytes: bigint }[]>`
    SELECT "id"::text, "usedBytes" FROM "Mailbox"
    WHERE "organizationId" = ${organizationId}::uuid AND "id" = ANY(${mailboxIds}::uuid[])
    ORDER BY "id" FOR UPDATE`;
  const used = new Map(rows.map((r) => [r.id, Number(r.usedBytes)]));
  const fits = new Set<Copy>();
  const added = new Map<string, number>();
  for (const { copy, size } of copies) {
    const now = used.get(copy.mailboxId);
    if (now === undefined || now + size > quota) continue;
    used.set(copy.mailboxId, now + size);
    added.set(copy.mailboxId, (added.get(copy.mailboxId) ?? 0) + size);
    fits.add(copy);
  }
  if (added.size > 0) {
    await tx.$executeRaw`UPDATE "Mailbox" SET "usedBytes" = "usedBytes" + a.bytes
      FROM unnest(${[...added.keys()]}::uuid[], ${[...added.values()]}::bigint[]) AS a(id, bytes)
      WHERE "Mailbox"."organizationId" = ${organizationId}::uuid AND "Mailbox"."id" = a.id`;
  }
  return fits;
}

/** Byte strings sent as one bytea with their offsets and lengths, for the server to cut up. */
function packed(parts: Uint8Array[]): { bytes: Buffer; offsets: number[]; lengths: number[] } {
  const offsets: number[] = [];
  let at = 0;
  for (const p of parts) {
    offsets.push(at);
    at += p.length;
  }
  return { bytes: Buffer.concat(parts), offsets, lengths: parts.map((p) => p.length) };
}

/** What a message is threaded and found by; `tokens` packed, MAIL_TOKEN_BYTES each. */
type Derived = { ownHash: string | null; answered: string[]; tokens: Buffer };
type NewRow = { id: string; copy: Copy; mail: PreparedMail; folderId: string; threadId: string; blobId: string } & Derived;

async function insertRows(tx: ScopedDb, organizationId: string, dataKey: CryptoKey, rows: NewRow[]): Promise<void> {
  const summaries = packed(await Promise.all(rows.map((r) => sealSummary(dataKey, organizationId, r.id, r.mail.content.summary))));
  await tx.$executeRaw`
    INSERT INTO "MailMessage" ("id", "organizationId", "mailboxId", "folderId", "threadId", "blobId", "messageIdHash", "answersHashes", "summary",
      "size", "hasAttachments", "isRead", "isDraft", "authResults", "sentAt")
    SELECT r.id, ${organizationId}::uuid, r.mailbox, r.folder, r.thread, r.blob, r.hash, ARRAY(SELECT jsonb_array_elements_text(r.answers::jsonb)),
      substring(${summaries.bytes}::bytea FROM r.at + 1 FOR r.len), r.size, r.attachments, r.read, r.draft, r.auth::jsonb, r.sent::timestamp(3)
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.copy.mailboxId)}::uuid[], ${rows.map((r) => r.folderId)}::uuid[],
                ${rows.map((r) => r.threadId)}::uuid[], ${rows.map((r) => r.blobId)}::uuid[], ${rows.map((r) => r.ownHash)}::text[],
                ${rows.map((r) => JSON.stringify(r.answered))}::text[],
                ${summaries.offsets}::int[], ${summaries.lengths}::int[], ${rows.map((r) => r.mail.size)}::int[],
                ${rows.map((r) => r.mail.content.hasAttachments)}::boolean[], ${rows.map((r) => r.copy.target.isRead ?? false)}::boolean[],
                ${rows.map((r) => r.copy.target.isDraft ?? false)}::boolean[],
                ${rows.map((r) => (r.copy.target.authResults ? JSON.stringify(r.copy.target.authResults) : null))}::text[],
                ${rows.map((r) => (r.mail.content.sentAt ?? new Date()).toISOString())}::text[])
         AS r(id, mailbox, folder, thread, blob, hash, answers, at, len, size, attachments, read, draft, auth, sent)`;

  const counts = rows.map((r) => r.tokens.length / MAIL_TOKEN_BYTES);
  const firsts = counts.map((_, i) => counts.slice(0, i).reduce((a, b) => a + b, 0));
  const tokens = Buffer.concat(rows.map((r) => r.tokens));
  if (tokens.length === 0) return;
  // One statement and one row per message for every token of the batch (~1,600 for 10 KiB of prose), sent as one bytea.
  await tx.$executeRaw`
    INSERT INTO "MailSearchIndex" ("messageId", "organizationId", "tokens")
    SELECT m.id, ${organizationId}::uuid,
      ARRAY(SELECT substring(${tokens}::bytea FROM (m.first + i) * ${MAIL_TOKEN_BYTES} + 1 FOR ${MAIL_TOKEN_BYTES}) FROM generate_series(0, m.count - 1) AS i)
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${firsts}::int[], ${counts}::int[]) AS m(id, first, count)`;
}

/**
 * Records prepared messages in `tx` (scoped to their organization): each
 * placement of each message gets a copy of its own, sharing the stored
 * bytes. A placement that cannot take its copy (message larger than the
 * organization accepts: INVALID_INPUT; folder not in the mailbox; quota)
 * gets its DomainError and changes nothing. When no copy at all was
 * placed nothing is recorded (`recorded` false: the caller discards the
 * pack); otherwise blobs of messages without a copy are in `unusedBlobIds`,
 * for the caller to delete once `tx` has committed. A `mail` event per copy
 * is sent when `tx` commits.
 */
export async function recordMails(tx: ScopedDb, prepared: PreparedMails, placements: MailPlacement[][]): Promise<RecordedMails> {
  const { organizationId, mails } = prepared;
  const limits = await mailLimits(tx, organizationId);
  const results: (StoredMail | DomainError)[][] = placements.map((ps) => ps.map(() => new DomainError("NOT_FOUND", "Not placed.")));
  const copies: Copy[] = placements.flatMap((ps, mail) => ps.map((target, placement) => ({ mail, placement, mailboxId: target.mailboxId, target })));

  const folders = await resolveFolders(tx, organizationId, copies);
  const candidates: { copy: Copy; size: number }[] = [];
  for (const copy of copies) {
    const size = mails[copy.mail]!.size;
    copy.folderId = folders.get(folderKey(copy.mailboxId, copy.target.folder));
    if (size > limits.maxMessageBytes) results[copy.mail]![copy.placement] = new DomainError("INVALID_INPUT", "This message is larger than this organization accepts.");
    else if (!copy.folderId) results[copy.mail]![copy.placement] = new DomainError("NOT_FOUND", "This folder does not exist in this mailbox.");
    else if (size > limits.mailboxQuotaBytes) results[copy.mail]![copy.placement] = new DomainError("QUOTA_EXCEEDED", "This message is larger than a whole mailbox.");
    else candidates.push({ copy, size });
  }
  const fits = await reserveSpace(tx, organizationId, candidates, limits.mailboxQuotaBytes);
  for (const { copy } of candidates) if (!fits.has(copy)) results[copy.mail]![copy.placement] = new DomainError("QUOTA_EXCEEDED", "This mailbox is full.");
  const placed = copies.filter((c) => fits.has(c));
  if (placed.length === 0) return { results, unusedBlobIds: [], recorded: false };

  await prepared.pack.record(tx);
  const keys = await getStorageEngine().organizationKeys(tx, organizationId);
  // What a message is threaded and found by: the same for each of its copies, so worked out once.
  const derived = new Map<number, Derived>();
  const derive = (index: number) => {
    let found = derived.get(index);
    if (!found) {
      const { content } = mails[index]!;
      const ownHash = content.messageId ? messageIdHash(keys, content.messageId) : null;
      const answered = content.references.map((id) => messageIdHash(keys, id));
      derived.set(index, (found = { ownHash, answered, tokens: mailIndexTokens(keys, content.searchText) }));
    }
    return found;
  };
  const blobUsed = new Set<number>();
  const rows: NewRow[] = [];
  for (const copy of placed) {
    const mail = mails[copy.mail]!;
    // The first copy of a message takes its blob; every other copy a clone of it (the same chunks, counted once more).
    const blobId = blobUsed.has(copy.mail) ? await cloneBlob(tx, organizationId, mail.blobId) : mail.blobId;
    blobUsed.add(copy.mail);
    rows.push({ id: crypto.randomUUID(), copy, mail, folderId: copy.folderId!, threadId: "", blobId, ...derive(copy.mail) });
  }
  const threads = await assignThreads(
    tx,
    organizationId,
    rows.map((r) => ({ mailboxId: r.copy.mailboxId, ownHash: r.ownHash, answeredHashes: r.answered })),
  );
  rows.forEach((r, i) => (r.threadId = threads[i]!));
  await insertRows(tx, organizationId, keys.dataKey, rows);
  await publishEvents(tx, mailMessageStored, organizationId, rows.map((r) => ({ mailboxId: r.copy.mailboxId, messageId: r.id, folderId: r.folderId })));
  for (const r of rows) results[r.copy.mail]![r.copy.placement] = { id: r.id, threadId: r.threadId, folderId: r.folderId };
  const unusedBlobIds = mails.flatMap((m, i) => (blobUsed.has(i) ? [] : [m.blobId]));
  return { results, unusedBlobIds, recorded: true };
}
