-- CreateEnum
CREATE TYPE "ItemKind" AS ENUM ('FOLDER', 'FILE');

-- CreateEnum
CREATE TYPE "UploadConflict" AS ENUM ('FAIL', 'REPLACE', 'KEEP_BOTH');

-- AlterTable
ALTER TABLE "Blob" ADD COLUMN     "complete" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "FileSettings" (
    "organizationId" UUID NOT NULL,
    "quotaBytes" BIGINT,
    "personQuotaBytes" BIGINT,
    "keepAllVersionsDays" INTEGER NOT NULL DEFAULT 30,
    "keepVersionsDays" INTEGER DEFAULT 365,
    "usedBytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "FileSettings_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "Drive" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "ownerUserId" UUID,
    "usedBytes" BIGINT NOT NULL DEFAULT 0,
    "quotaBytes" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Drive_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FileItem" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "driveId" UUID NOT NULL,
    "parentId" UUID,
    "kind" "ItemKind" NOT NULL,
    "name" TEXT NOT NULL,
    "size" BIGINT NOT NULL DEFAULT 0,
    "contentType" TEXT,
    "currentVersionId" UUID,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modifiedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "trashedAt" TIMESTAMP(3),

    CONSTRAINT "FileItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FileVersion" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "fileId" UUID NOT NULL,
    "blobId" UUID NOT NULL,
    "size" BIGINT NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FileVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Upload" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "driveId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "parentId" UUID,
    "name" TEXT NOT NULL,
    "length" BIGINT NOT NULL,
    "contentType" TEXT,
    "onConflict" "UploadConflict" NOT NULL DEFAULT 'FAIL',
    "blobId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityEntry" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "subjectId" UUID,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Drive_organizationId_ownerUserId_key" ON "Drive"("organizationId", "ownerUserId");

-- CreateIndex
CREATE UNIQUE INDEX "FileItem_currentVersionId_key" ON "FileItem"("currentVersionId");

-- CreateIndex
CREATE INDEX "FileItem_driveId_parentId_idx" ON "FileItem"("driveId", "parentId");

-- CreateIndex
CREATE INDEX "FileItem_organizationId_trashedAt_idx" ON "FileItem"("organizationId", "trashedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FileVersion_blobId_key" ON "FileVersion"("blobId");

-- CreateIndex
CREATE INDEX "FileVersion_fileId_createdAt_idx" ON "FileVersion"("fileId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Upload_blobId_key" ON "Upload"("blobId");

-- CreateIndex
CREATE INDEX "Upload_organizationId_expiresAt_idx" ON "Upload"("organizationId", "expiresAt");

-- CreateIndex
CREATE INDEX "ActivityEntry_organizationId_createdAt_idx" ON "ActivityEntry"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "FileSettings" ADD CONSTRAINT "FileSettings_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Drive" ADD CONSTRAINT "Drive_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileItem" ADD CONSTRAINT "FileItem_driveId_fkey" FOREIGN KEY ("driveId") REFERENCES "Drive"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileItem" ADD CONSTRAINT "FileItem_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "FileItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileItem" ADD CONSTRAINT "FileItem_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "FileVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileVersion" ADD CONSTRAINT "FileVersion_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "FileItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileVersion" ADD CONSTRAINT "FileVersion_blobId_fkey" FOREIGN KEY ("blobId") REFERENCES "Blob"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_driveId_fkey" FOREIGN KEY ("driveId") REFERENCES "Drive"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_blobId_fkey" FOREIGN KEY ("blobId") REFERENCES "Blob"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A name is used once among the live items of a folder (or of a drive's top).
CREATE UNIQUE INDEX "FileItem_live_name_key" ON "FileItem"
  ("driveId", coalesce("parentId", '00000000-0000-0000-0000-000000000000'::uuid), "name")
  WHERE "trashedAt" IS NULL;

-- Counters and names that must never go wrong, whatever a bug does.
ALTER TABLE "FileItem" ADD CONSTRAINT "FileItem_name_check" CHECK (length("name") > 0);
ALTER TABLE "Drive" ADD CONSTRAINT "Drive_usedBytes_check" CHECK ("usedBytes" >= 0);
ALTER TABLE "FileSettings" ADD CONSTRAINT "FileSettings_usedBytes_check" CHECK ("usedBytes" >= 0);

-- Tenant isolation, as for every tenant-owned table (see the init migration).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['FileSettings', 'Drive', 'FileItem', 'FileVersion', 'Upload', 'ActivityEntry'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING ("organizationId" = app_current_organization_id()) WITH CHECK ("organizationId" = app_current_organization_id())',
      t);
  END LOOP;
END $$;
