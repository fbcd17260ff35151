-- CreateEnum
CREATE TYPE "MailboxKind" AS ENUM ('PERSONAL', 'SHARED');

-- CreateEnum
CREATE TYPE "MailFolderRole" AS ENUM ('INBOX', 'DRAFTS', 'SENT', 'ARCHIVE', 'SPAM', 'TRASH');

-- CreateEnum
CREATE TYPE "OutboundState" AS ENUM ('QUEUED', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "MailSettings" (
    "organizationId" UUID NOT NULL,
    "mailboxQuotaBytes" BIGINT NOT NULL DEFAULT 524288000,
    "maxMessageBytes" INTEGER NOT NULL DEFAULT 26214400,
    "sendLimitPerHour" INTEGER NOT NULL DEFAULT 200,

    CONSTRAINT "MailSettings_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "MailDomain" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "dkimSelector" TEXT NOT NULL,
    "dkimPublicKey" TEXT NOT NULL,
    "dkimPrivateKey" BYTEA NOT NULL,
    "dnsCheck" JSONB,
    "dnsCheckedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailDomain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mailbox" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" "MailboxKind" NOT NULL,
    "userId" UUID,
    "displayName" TEXT NOT NULL,
    "usedBytes" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Mailbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailboxMember" (
    "organizationId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "MailboxMember_pkey" PRIMARY KEY ("mailboxId","userId")
);

-- CreateTable
CREATE TABLE "MailAddress" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "domainId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailFolder" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" "MailFolderRole",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailFolder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailMessage" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "folderId" UUID NOT NULL,
    "threadId" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "blobId" UUID NOT NULL,
    "messageIdHash" TEXT,
    "summary" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "hasAttachments" BOOLEAN NOT NULL DEFAULT false,
    "isRead" BOOLEAN NOT NULL DEFAULT false,
    "isStarred" BOOLEAN NOT NULL DEFAULT false,
    "isDraft" BOOLEAN NOT NULL DEFAULT false,
    "authResults" JSONB,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailSearchToken" (
    "organizationId" UUID NOT NULL,
    "messageId" UUID NOT NULL,
    "token" BYTEA NOT NULL,

    CONSTRAINT "MailSearchToken_pkey" PRIMARY KEY ("messageId","token")
);

-- CreateTable
CREATE TABLE "MailDraftAttachment" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "draftId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "blobId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailDraftAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailTrustedSender" (
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "addressHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailTrustedSender_pkey" PRIMARY KEY ("organizationId","userId","addressHash")
);

-- CreateTable
CREATE TABLE "OutboundMail" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "senderId" UUID,
    "blobId" UUID NOT NULL,
    "envelope" BYTEA NOT NULL,
    "state" "OutboundState" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "OutboundMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MailDomain_name_key" ON "MailDomain"("name");

-- CreateIndex
CREATE INDEX "MailDomain_organizationId_idx" ON "MailDomain"("organizationId");

-- CreateIndex
CREATE INDEX "Mailbox_organizationId_idx" ON "Mailbox"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Mailbox_organizationId_userId_key" ON "Mailbox"("organizationId", "userId");

-- CreateIndex
CREATE INDEX "MailboxMember_organizationId_userId_idx" ON "MailboxMember"("organizationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "MailAddress_address_key" ON "MailAddress"("address");

-- CreateIndex
CREATE INDEX "MailAddress_organizationId_idx" ON "MailAddress"("organizationId");

-- CreateIndex
CREATE INDEX "MailAddress_mailboxId_idx" ON "MailAddress"("mailboxId");

-- CreateIndex
CREATE INDEX "MailFolder_organizationId_idx" ON "MailFolder"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "MailFolder_mailboxId_name_key" ON "MailFolder"("mailboxId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "MailFolder_mailboxId_role_key" ON "MailFolder"("mailboxId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "MailMessage_blobId_key" ON "MailMessage"("blobId");

-- CreateIndex
CREATE INDEX "MailMessage_folderId_seq_idx" ON "MailMessage"("folderId", "seq");

-- CreateIndex
CREATE INDEX "MailMessage_mailboxId_threadId_idx" ON "MailMessage"("mailboxId", "threadId");

-- CreateIndex
CREATE INDEX "MailMessage_mailboxId_messageIdHash_idx" ON "MailMessage"("mailboxId", "messageIdHash");

-- CreateIndex
CREATE INDEX "MailMessage_organizationId_idx" ON "MailMessage"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "MailMessage_seq_key" ON "MailMessage"("seq");

-- CreateIndex
CREATE INDEX "MailSearchToken_organizationId_token_idx" ON "MailSearchToken"("organizationId", "token");

-- CreateIndex
CREATE UNIQUE INDEX "MailDraftAttachment_blobId_key" ON "MailDraftAttachment"("blobId");

-- CreateIndex
CREATE INDEX "MailDraftAttachment_draftId_idx" ON "MailDraftAttachment"("draftId");

-- CreateIndex
CREATE INDEX "MailDraftAttachment_organizationId_idx" ON "MailDraftAttachment"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMail_blobId_key" ON "OutboundMail"("blobId");

-- CreateIndex
CREATE INDEX "OutboundMail_state_nextAttemptAt_idx" ON "OutboundMail"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundMail_organizationId_senderId_createdAt_idx" ON "OutboundMail"("organizationId", "senderId", "createdAt");

-- AddForeignKey
ALTER TABLE "MailSettings" ADD CONSTRAINT "MailSettings_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mailbox" ADD CONSTRAINT "Mailbox_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "Membership"("organizationId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailboxMember" ADD CONSTRAINT "MailboxMember_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailboxMember" ADD CONSTRAINT "MailboxMember_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "Membership"("organizationId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailAddress" ADD CONSTRAINT "MailAddress_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "MailDomain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailAddress" ADD CONSTRAINT "MailAddress_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailFolder" ADD CONSTRAINT "MailFolder_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailMessage" ADD CONSTRAINT "MailMessage_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailMessage" ADD CONSTRAINT "MailMessage_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "MailFolder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailMessage" ADD CONSTRAINT "MailMessage_blobId_fkey" FOREIGN KEY ("blobId") REFERENCES "Blob"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailSearchToken" ADD CONSTRAINT "MailSearchToken_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "MailMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailDraftAttachment" ADD CONSTRAINT "MailDraftAttachment_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "MailMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailDraftAttachment" ADD CONSTRAINT "MailDraftAttachment_blobId_fkey" FOREIGN KEY ("blobId") REFERENCES "Blob"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailTrustedSender" ADD CONSTRAINT "MailTrustedSender_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "Membership"("organizationId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundMail" ADD CONSTRAINT "OutboundMail_blobId_fkey" FOREIGN KEY ("blobId") REFERENCES "Blob"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Tenant isolation, as for every tenant-owned table (see the init migration).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['MailSettings', 'MailDomain', 'Mailbox', 'MailboxMember', 'MailAddress', 'MailFolder',
                           'MailMessage', 'MailSearchToken', 'MailDraftAttachment', 'MailTrustedSender', 'OutboundMail'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING ("organizationId" = app_current_organization_id()) WITH CHECK ("organizationId" = app_current_organization_id())',
      t);
  END LOOP;
END $$;

-- Mail arriving for a domain (by SMTP, or from another organization on this
-- install) learns which organization holds that one domain, and nothing else;
-- delivery then runs in that organization's own scope.
CREATE FUNCTION app_current_mail_domain() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.mail_domain', true), '') $$;
CREATE POLICY domain_lookup ON "MailDomain" FOR SELECT USING ("name" = app_current_mail_domain());

-- The outbound queue's worker lists due messages across organizations (ids
-- and organization only), then sends each inside its organization's scope.
CREATE POLICY platform_job_lists ON "OutboundMail" FOR SELECT USING (app_is_platform_job());
