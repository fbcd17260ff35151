-- Mail search's blind index as one token array per message under a GIN index
-- (MailSearchIndex), replacing a row per token (MailSearchToken): storing a
-- 10 KiB message wrote ~1,600 rows and two B-tree entries for each.

-- CreateTable
CREATE TABLE "MailSearchIndex" (
    "messageId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "tokens" BYTEA[],

    CONSTRAINT "MailSearchIndex_pkey" PRIMARY KEY ("messageId")
);

-- AlterTable
ALTER TABLE "MailMessage" ADD COLUMN "answersHashes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Existing messages keep their tokens. The old "answers" tokens come along
-- too (no search term can match them) but cannot be turned back into the
-- hashes they were made from, so answersHashes starts empty for those.
INSERT INTO "MailSearchIndex" ("messageId", "organizationId", "tokens")
SELECT "messageId", min("organizationId"::text)::uuid, array_agg("token")
FROM "MailSearchToken" GROUP BY "messageId";

-- DropTable
DROP TABLE "MailSearchToken";

-- CreateIndex
CREATE INDEX "MailSearchIndex_tokens_idx" ON "MailSearchIndex" USING GIN ("tokens");

-- CreateIndex
CREATE INDEX "MailMessage_answersHashes_idx" ON "MailMessage" USING GIN ("answersHashes");

-- AddForeignKey
ALTER TABLE "MailSearchIndex" ADD CONSTRAINT "MailSearchIndex_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "MailMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation, as for every tenant-owned table (see the init migration).
ALTER TABLE "MailSearchIndex" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MailSearchIndex" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MailSearchIndex"
  USING ("organizationId" = app_current_organization_id())
  WITH CHECK ("organizationId" = app_current_organization_id());
