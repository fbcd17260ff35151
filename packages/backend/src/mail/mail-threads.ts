import crypto from "node:crypto";
import type { ScopedDb } from "@awan/db";

// Which conversation a new message joins, for many messages at once: the
// thread of the earliest message in the same mailbox that is this one (the
// same Message-ID) or that it answers (In-Reply-To, References); failing
// that, the thread of a message already here that answers this one (it
// arrived first, as replies sometimes do); failing that, a new thread.
// Messages of the same batch see each other in batch order.

/** One copy to place in a thread: its mailbox, the keyed hash of its Message-ID and those of what it answers. */
export type ThreadQuestion = { mailboxId: string; ownHash: string | null; answeredHashes: string[] };

type Found = { threadId: string; seq: bigint };

const key = (mailboxId: string, value: string) => `${mailboxId}/${value}`;

function earliest(candidates: (Found | undefined)[]): Found | undefined {
  return candidates.reduce<Found | undefined>((best, c) => (c && (!best || c.seq < best.seq) ? c : best), undefined);
}

/** A thread id per question, in order; two queries whatever the number of questions. */
export async function assignThreads(tx: ScopedDb, organizationId: string, questions: ThreadQuestion[]): Promise<string[]> {
  const mailboxes = [...new Set(questions.map((q) => q.mailboxId))];
  const hashes = [...new Set(questions.flatMap((q) => [...(q.ownHash ? [q.ownHash] : []), ...q.answeredHashes]))];
  const ownHashes = questions.flatMap((q) => (q.ownHash ? [q.ownHash] : []));

  const byHash = new Map<string, Found>();
  if (hashes.length > 0) {
    const rows = await tx.$queryRaw<{ mailboxId: string; messageIdHash: string; threadId: string; seq: bigint }[]>`
      SELECT DISTINCT ON ("mailboxId", "messageIdHash") "mailboxId"::text, "messageIdHash", "threadId"::text, "seq"
      FROM "MailMessage"
      WHERE "organizationId" = ${organizationId}::uuid AND "mailboxId" = ANY(${mailboxes}::uuid[]) AND "messageIdHash" = ANY(${hashes}::text[])
      ORDER BY "mailboxId", "messageIdHash", "seq"`;
    for (const r of rows) byHash.set(key(r.mailboxId, r.messageIdHash), { threadId: r.threadId, seq: r.seq });
  }
  const byAnswer = new Map<string, Found>();
  if (ownHashes.length > 0) {
    // Messages already here that answer one of these: MailMessage.answersHashes through its GIN index,
    // which row-level security would not use (app_mail_messages_answering, migration mail_index_lookups).
    const rows = await tx.$queryRaw<{ mailboxId: string; answered: string; threadId: string; seq: bigint }[]>`
      SELECT "mailboxId"::text, "answered", "threadId"::text, "seq" FROM app_mail_messages_answering(${mailboxes}::uuid[], ${ownHashes}::text[])`;
    for (const r of rows) {
      const k = key(r.mailboxId, r.answered);
      const known = byAnswer.get(k);
      if (!known || r.seq < known.seq) byAnswer.set(k, { threadId: r.threadId, seq: r.seq });
    }
  }

  // Earlier messages of this batch (by their place in it), after anything stored: they arrived later.
  const batchByHash = new Map<string, Found>();
  const batchAnswering = new Map<string, Found>();
  return questions.map((q, place) => {
    const own = q.ownHash ? [q.ownHash] : [];
    const all = [...own, ...q.answeredHashes];
    const threadId =
      earliest(all.map((h) => byHash.get(key(q.mailboxId, h))))?.threadId ??
      earliest(all.map((h) => batchByHash.get(key(q.mailboxId, h))))?.threadId ??
      earliest(own.map((h) => byAnswer.get(key(q.mailboxId, h))))?.threadId ??
      earliest(own.map((h) => batchAnswering.get(key(q.mailboxId, h))))?.threadId ??
      crypto.randomUUID();
    const found = { threadId, seq: BigInt(place) };
    for (const h of own) if (!batchByHash.has(key(q.mailboxId, h))) batchByHash.set(key(q.mailboxId, h), found);
    for (const h of q.answeredHashes) if (!batchAnswering.has(key(q.mailboxId, h))) batchAnswering.set(key(q.mailboxId, h), found);
    return threadId;
  });
}
