import type { ScopedDb } from "@awan/db";
import { describe, expect, it } from "vitest";
import { useOwnerDatabase } from "../files/testing/files-fixture";
import { storeMailMessage } from "./mail-store";
import { inOrganization, newMailUser, rfc822 } from "./testing/mail-fixture";

const owner = useOwnerDatabase();
const FILLER = 10_000;

/** Rows PostgreSQL has returned from MailMessage and its indexes so far in this transaction. */
async function messageRowsRead(tx: ScopedDb): Promise<number> {
  const [row] = await tx.$queryRaw<{ read: bigint }[]>`
    SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(c.oid)), 0)::bigint AS read FROM pg_class c
    WHERE c.oid = '"MailMessage"'::regclass OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = '"MailMessage"'::regclass)`;
  return Number(row!.read);
}

describe("threading at scale", () => {
  it("finds the answers of an original that arrives late among 10,000 messages that answer others, reading few message rows", async () => {
    const ann = await newMailUser("threadscale");
    const inbox = await owner.mailFolder.findFirstOrThrow({ where: { mailboxId: ann.mailboxId, role: "INBOX" }, select: { id: true } });
    // 10,000 older messages, each answering a message of its own (none of which is here).
    await owner.$executeRaw`
      WITH blobs AS (
        INSERT INTO "Blob" ("id", "organizationId", "size", "digest")
        SELECT gen_random_uuid(), ${ann.organizationId}::uuid, 1, 'filler' FROM generate_series(1, ${FILLER})
        RETURNING "id"
      )
      INSERT INTO "MailMessage" ("id", "organizationId", "mailboxId", "folderId", "threadId", "blobId", "messageIdHash", "answersHashes", "summary", "size", "sentAt")
      SELECT gen_random_uuid(), ${ann.organizationId}::uuid, ${ann.mailboxId}::uuid, ${inbox.id}::uuid, gen_random_uuid(), "id",
             md5("id"::text), ARRAY[md5('answers' || "id"::text)], '\\x00'::bytea, 1, now()
      FROM blobs`;
    await owner.$executeRaw`ANALYZE "MailMessage"`;

    const store = (raw: Buffer) => inOrganization(ann.organizationId, (tx) => storeMailMessage(tx, { organizationId: ann.organizationId, mailboxId: ann.mailboxId, folder: "INBOX", raw }));
    const reply = await store(rfc822({ to: ann.address, subject: "Re: Budget", body: "Agreed", inReplyTo: "<budget@example.org>", references: ["<budget@example.org>"] }));
    const { original, rowsRead } = await inOrganization(ann.organizationId, async (tx) => {
      const before = await messageRowsRead(tx);
      const original = await storeMailMessage(tx, {
        organizationId: ann.organizationId,
        mailboxId: ann.mailboxId,
        folder: "INBOX",
        raw: rfc822({ to: ann.address, subject: "Budget", body: "Here it is", messageId: "<budget@example.org>" }),
      });
      return { original, rowsRead: (await messageRowsRead(tx)) - before };
    });
    expect(original.threadId).toBe(reply.threadId);
    expect(rowsRead).toBeLessThanOrEqual(50);
  });
});
