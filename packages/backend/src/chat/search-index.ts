import crypto from "node:crypto";
import { withTenantScope, type Database, type ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { indexTerms } from "../search/search-words";
import { getStorageEngine } from "../storage/engine-instance";
import { openText } from "./message-cipher";
import { withMentionNames } from "./mentions";

// The blind index: a message's words are stored only as keyed hashes
// (MessageSearchToken), so the database matches words without holding text.
// The key is the organization's search key (HKDF of its data key, see
// storage/organization-keys.ts): equal words give equal tokens within one
// organization only.

const TOKEN_BYTES = 16;
/**
 * Every indexed message has this token too, even one with no searchable
 * word: the backfill looks for messages without it. One byte, so no word's
 * token (16 bytes) is ever equal to it.
 */
const INDEXED_MARK = new Uint8Array([0]);
const BACKFILL_BATCH = 200;

// node:crypto's HMAC is ~4x faster than WebCrypto's promise per call; the key stays in this process either way.
const hmacKeys = new WeakMap<CryptoKey, crypto.KeyObject>();

async function searchKey(tx: ScopedDb, organizationId: string): Promise<crypto.KeyObject> {
  const { searchKey } = await getStorageEngine().organizationKeys(tx, organizationId);
  let key = hmacKeys.get(searchKey);
  if (!key) {
    key = crypto.KeyObject.from(searchKey);
    hmacKeys.set(searchKey, key);
  }
  return key;
}

function token(key: crypto.KeyObject, term: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(crypto.createHmac("sha256", key).update(term, "utf8").digest().subarray(0, TOKEN_BYTES));
}

/** The tokens a query looks up, one per term, in the terms' order. */
export async function searchTokens(tx: ScopedDb, organizationId: string, terms: readonly string[]): Promise<Uint8Array<ArrayBuffer>[]> {
  const key = await searchKey(tx, organizationId);
  return terms.map((term) => token(key, term));
}

function tokenRows(key: crypto.KeyObject, organizationId: string, messageId: string, text: string) {
  return [INDEXED_MARK, ...[...indexTerms(withMentionNames(text))].map((term) => token(key, term))].map((t) => ({ organizationId, messageId, token: t }));
}

/** Waits for whoever else indexes or edits the message, so the last text written is the one indexed. */
async function lockMessage(tx: ScopedDb, messageId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Message" WHERE "id" = ${messageId}::uuid FOR NO KEY UPDATE`;
}

/**
 * Makes `text` what the message is found by, replacing what it was indexed
 * under before. Call it in the transaction that posts or edits the message.
 */
export async function indexMessage(tx: ScopedDb, organizationId: string, messageId: string, text: string): Promise<void> {
  const key = await searchKey(tx, organizationId);
  await lockMessage(tx, messageId);
  await tx.messageSearchToken.deleteMany({ where: { organizationId, messageId } });
  await tx.messageSearchToken.createMany({ data: tokenRows(key, organizationId, messageId, text), skipDuplicates: true });
}

/** Forgets what a deleted message was found by (its row stays as a "deleted" mark, so nothing cascades). */
export async function unindexMessage(tx: ScopedDb, organizationId: string, messageId: string): Promise<void> {
  await tx.messageSearchToken.deleteMany({ where: { organizationId, messageId } });
}

export type BackfillReport = { indexed: number; unreadable: number };

/**
 * Indexes the organization's messages that have no tokens yet (posted before
 * search existed), newest first, in batches of their own transactions.
 * Idempotent: an indexed message carries INDEXED_MARK and is not read again;
 * a message someone is editing right now is skipped (their edit indexes it).
 * A body that fails its integrity check is reported and left unindexed.
 */
export async function indexUnindexedMessages(db: Database, organizationId: string, batchSize = BACKFILL_BATCH): Promise<BackfillReport> {
  const report: BackfillReport = { indexed: 0, unreadable: 0 };
  let before: bigint | null = null;
  for (;;) {
    const batch: { full: boolean; lowestSeq: bigint | null } = await withTenantScope(db, { organizationId }, async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; seq: bigint; body: Uint8Array }[]>`
        SELECT m."id", m."seq", m."body" FROM "Message" m
        WHERE m."organizationId" = ${organizationId}::uuid AND m."body" IS NOT NULL AND m."deletedAt" IS NULL
          AND (${before}::bigint IS NULL OR m."seq" < ${before}::bigint)
          AND NOT EXISTS (SELECT 1 FROM "MessageSearchToken" t WHERE t."messageId" = m."id")
        ORDER BY m."seq" DESC LIMIT ${batchSize}
        FOR NO KEY UPDATE OF m SKIP LOCKED`;
      if (rows.length === 0) return { full: false, lowestSeq: null };
      const [dataKey, key] = [(await getStorageEngine().organizationKeys(tx, organizationId)).dataKey, await searchKey(tx, organizationId)];
      const data = [];
      let unreadable = 0;
      for (const row of rows) {
        try {
          data.push(...tokenRows(key, organizationId, row.id, await openText(dataKey, organizationId, row.id, row.body)));
        } catch (error) {
          if (!(error instanceof DomainError && error.code === "INTEGRITY")) throw error;
          console.error(`Search index: message ${row.id} of organization ${organizationId} failed its integrity check and stays unsearchable.`);
          unreadable += 1;
        }
      }
      await tx.messageSearchToken.createMany({ data, skipDuplicates: true });
      report.unreadable += unreadable;
      report.indexed += rows.length - unreadable;
      return { full: rows.length === batchSize, lowestSeq: rows[rows.length - 1]!.seq };
    });
    if (!batch.full) return report;
    before = batch.lowestSeq;
  }
}

/** Per process: organizations whose backfill has finished, or the backfill under way. */
const backfills = new Map<string, "done" | Promise<void>>();

/**
 * Whether every message of the organization is in the index. On its first
 * call in a process it looks for messages without tokens (one scan, once),
 * and if there are some starts indexUnindexedMessages in the background and
 * says false until that has finished; new messages are indexed as they are
 * posted, so after that it is true without a look.
 */
export async function ensureIndexed(db: Database, tx: ScopedDb, organizationId: string): Promise<boolean> {
  const state = backfills.get(organizationId);
  if (state) return state === "done";
  const [missing] = await tx.$queryRaw<{ id: string }[]>`
    SELECT m."id" FROM "Message" m
    WHERE m."organizationId" = ${organizationId}::uuid AND m."body" IS NOT NULL AND m."deletedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "MessageSearchToken" t WHERE t."messageId" = m."id")
    LIMIT 1`;
  if (!missing) {
    backfills.set(organizationId, "done");
    return true;
  }
  const running = indexUnindexedMessages(db, organizationId).then(
    () => void backfills.set(organizationId, "done"),
    (error: unknown) => {
      console.error(`Search index: indexing the earlier messages of organization ${organizationId} failed; the next search retries.`, error);
      backfills.delete(organizationId);
    },
  );
  backfills.set(organizationId, running);
  return false;
}
