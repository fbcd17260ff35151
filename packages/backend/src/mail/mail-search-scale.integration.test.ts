import { withTenantScope } from "@awan/db";
import { describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { useOwnerDatabase } from "../files/testing/files-fixture";
import { getStorageEngine } from "../storage";
import { mailSearchToken, messageIdHash } from "./mail-search-index";
import { searchMail } from "./mail-search";
import { inOrganization } from "./testing/mail-fixture";
import { folderOf, newMailPerson, seedMail } from "./testing/webmail-fixture";

const owner = useOwnerDatabase();
const FILLER = 10_000;

describe("mail search at scale", () => {
  it("finds the newest page among 10,000 messages sharing a word, opening only that page's summaries, and reads few message and index rows for a rare word", async () => {
    const ann = await newMailPerson("scale");
    const inbox = await folderOf(ann, "INBOX");
    // 10,000 older messages that all have the word "invoice". Their summaries are not sealed
    // (any attempt to open one fails its integrity check), so a search that opened more than
    // the page it shows would fail.
    const token = await inOrganization(ann.organizationId, async (tx) => mailSearchToken(await getStorageEngine().organizationKeys(tx, ann.organizationId), "invoice"));
    await owner.$executeRaw`
      WITH blobs AS (
        INSERT INTO "Blob" ("id", "organizationId", "size", "digest")
        SELECT gen_random_uuid(), ${ann.organizationId}::uuid, 1, 'filler' FROM generate_series(1, ${FILLER})
        RETURNING "id"
      ), messages AS (
        INSERT INTO "MailMessage" ("id", "organizationId", "mailboxId", "folderId", "threadId", "blobId", "summary", "size", "sentAt")
        SELECT gen_random_uuid(), ${ann.organizationId}::uuid, ${ann.mailboxId}::uuid, ${inbox.id}::uuid, gen_random_uuid(), "id", '\\x00'::bytea, 1, now() FROM blobs
        RETURNING "id"
      )
      INSERT INTO "MailSearchIndex" ("messageId", "organizationId", "tokens") SELECT "id", ${ann.organizationId}::uuid, ARRAY[${token}::bytea] FROM messages`;
    await owner.$executeRaw`ANALYZE "MailSearchIndex"`;
    await owner.$executeRaw`ANALYZE "MailMessage"`;
    const real = await seedMail(
      ann,
      "INBOX",
      Array.from({ length: 40 }, (_, i) => ({ subject: i % 4 === 0 ? `Invoice ${i} for the zephyr project` : `Invoice ${i}` })),
    );

    const common = await ann.caller.mail.search({ query: "invoice" });
    expect(common.messages.map((m) => m.id)).toEqual(real.slice(10).reverse());
    expect(common.nextCursor).not.toBeNull();

    // A rare word with the common one: the message rows read stay near the handful that match.
    const { result, rowsRead } = await withTenantScope(getDatabase(), { organizationId: ann.organizationId, userId: ann.userId }, async (tx) => {
      const counters = async () =>
        (
          await tx.$queryRaw<{ read: bigint }[]>`
            SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(c.oid)), 0)::bigint AS read FROM pg_class c
            WHERE c.oid IN ('"MailMessage"'::regclass, '"MailSearchIndex"'::regclass)
               OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN ('"MailMessage"'::regclass, '"MailSearchIndex"'::regclass))`
        )[0]!.read;
      const before = await counters();
      const result = await searchMail({ tx, actor: { organizationId: ann.organizationId, userId: ann.userId, role: "OWNER" } }, "zephyr invoice", null);
      return { result, rowsRead: Number((await counters()) - before) };
    });
    expect(result.messages.map((m) => m.id)).toEqual(real.filter((_, i) => i % 4 === 0).reverse());
    expect(rowsRead).toBeLessThanOrEqual(100);
  });

  it("lets the lookups that bypass row-level security for their indexes see only the caller's organization", async () => {
    const ann = await newMailPerson("lookupann");
    const bea = await newMailPerson("lookupbea");
    const [original] = await seedMail(ann, "INBOX", [{ subject: "Quokka census", messageId: "<quokka@example.org>" }]);
    const [reply] = await seedMail(ann, "INBOX", [{ subject: "Re: Quokka census", inReplyTo: "<quokka@example.org>" }]);
    const { token, hash } = await inOrganization(ann.organizationId, async (tx) => {
      const keys = await getStorageEngine().organizationKeys(tx, ann.organizationId);
      return { token: mailSearchToken(keys, "quokka"), hash: messageIdHash(keys, "<quokka@example.org>") };
    });
    const lookups = (organizationId: string | null) =>
      withTenantScope(getDatabase(), { organizationId }, async (tx) => ({
        found: await tx.$queryRaw<{ messageId: string }[]>`SELECT "messageId"::text FROM app_mail_messages_with_tokens(ARRAY[${token}]::bytea[])`,
        answering: await tx.$queryRaw<{ answered: string }[]>`SELECT "answered" FROM app_mail_messages_answering(ARRAY[${ann.mailboxId}]::uuid[], ARRAY[${hash}])`,
      }));
    expect((await lookups(ann.organizationId)).found.map((r) => r.messageId).sort()).toEqual([original, reply].sort());
    expect((await lookups(ann.organizationId)).answering).toEqual([{ answered: hash }]);
    expect(await lookups(bea.organizationId)).toEqual({ found: [], answering: [] });
    expect(await lookups(null)).toEqual({ found: [], answering: [] });
  });
});
