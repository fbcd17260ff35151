-- CreateTable
CREATE TABLE "MailSendRecord" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "recipients" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailSendRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MailSendRecord_organizationId_userId_createdAt_idx" ON "MailSendRecord"("organizationId", "userId", "createdAt");

-- AddForeignKey
ALTER TABLE "MailSendRecord" ADD CONSTRAINT "MailSendRecord_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "Membership"("organizationId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation, as for every tenant-owned table (see the init migration).
ALTER TABLE "MailSendRecord" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MailSendRecord" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MailSendRecord"
  USING ("organizationId" = app_current_organization_id())
  WITH CHECK ("organizationId" = app_current_organization_id());
