-- CreateEnum
CREATE TYPE "ShareRole" AS ENUM ('VIEWER', 'EDITOR', 'UPLOADER');

-- CreateEnum
CREATE TYPE "LinkMode" AS ENUM ('VIEW', 'DROP');

-- AlterEnum
ALTER TYPE "ItemKind" ADD VALUE 'SHORTCUT';

-- AlterTable
ALTER TABLE "FileItem" ADD COLUMN     "targetId" UUID;

-- AlterTable
ALTER TABLE "FileSettings" ADD COLUMN     "linkMaxExpiryDays" INTEGER,
ADD COLUMN     "linkPasswordRequired" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Group" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "organizationId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupMember_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "Share" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "userId" UUID,
    "groupId" UUID,
    "role" "ShareRole" NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Share_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "mode" "LinkMode" NOT NULL DEFAULT 'VIEW',
    "passwordHash" TEXT,
    "expiresAt" TIMESTAMP(3),
    "maxDownloads" INTEGER,
    "downloadCount" INTEGER NOT NULL DEFAULT 0,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppPassword" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppPassword_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadProperty" (
    "organizationId" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "DeadProperty_pkey" PRIMARY KEY ("itemId","namespace","name")
);

-- CreateIndex
CREATE UNIQUE INDEX "Group_organizationId_name_key" ON "Group"("organizationId", "name");

-- CreateIndex
CREATE INDEX "GroupMember_organizationId_userId_idx" ON "GroupMember"("organizationId", "userId");

-- CreateIndex
CREATE INDEX "Share_organizationId_userId_idx" ON "Share"("organizationId", "userId");

-- CreateIndex
CREATE INDEX "Share_organizationId_groupId_idx" ON "Share"("organizationId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Share_itemId_userId_key" ON "Share"("itemId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Share_itemId_groupId_key" ON "Share"("itemId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ShareLink_organizationId_itemId_idx" ON "ShareLink"("organizationId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "AppPassword_tokenHash_key" ON "AppPassword"("tokenHash");

-- CreateIndex
CREATE INDEX "AppPassword_organizationId_userId_idx" ON "AppPassword"("organizationId", "userId");

-- AddForeignKey
ALTER TABLE "FileItem" ADD CONSTRAINT "FileItem_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "FileItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "Membership"("organizationId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Share" ADD CONSTRAINT "Share_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "FileItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Share" ADD CONSTRAINT "Share_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Share" ADD CONSTRAINT "Share_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "Membership"("organizationId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "FileItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppPassword" ADD CONSTRAINT "AppPassword_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "Membership"("organizationId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadProperty" ADD CONSTRAINT "DeadProperty_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "FileItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A share is for one person or one group, never both or neither.
ALTER TABLE "Share" ADD CONSTRAINT "Share_grantee_check" CHECK (("userId" IS NULL) <> ("groupId" IS NULL));
-- Only shortcuts lead somewhere, and every shortcut does.
ALTER TABLE "FileItem" ADD CONSTRAINT "FileItem_target_check" CHECK (("kind"::text = 'SHORTCUT') = ("targetId" IS NOT NULL));
CREATE INDEX "FileItem_targetId_idx" ON "FileItem"("targetId") WHERE "targetId" IS NOT NULL;

-- Tenant isolation, as for every tenant-owned table (see the init migration).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Group', 'GroupMember', 'Share', 'ShareLink', 'AppPassword', 'DeadProperty'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING ("organizationId" = app_current_organization_id()) WITH CHECK ("organizationId" = app_current_organization_id())',
      t);
  END LOOP;
END $$;

-- Whoever holds a secret token (an invite link, a public link, an app
-- password) may read the one row it names, to learn its organization.
-- One setting, app.token_hash, serves all three.
CREATE FUNCTION app_current_token_hash() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.token_hash', true), '') $$;
DROP POLICY token_holder_reads ON "Invitation";
DROP FUNCTION app_current_invitation_token_hash();
CREATE POLICY token_holder_reads ON "Invitation" FOR SELECT USING ("tokenHash" = app_current_token_hash());
CREATE POLICY token_holder_reads ON "ShareLink" FOR SELECT USING ("tokenHash" = app_current_token_hash());
CREATE POLICY token_holder_reads ON "AppPassword" FOR SELECT USING ("tokenHash" = app_current_token_hash());
