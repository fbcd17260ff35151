-- CreateEnum
CREATE TYPE "ReplicaState" AS ENUM ('OK', 'MISSING');

-- CreateTable
CREATE TABLE "OrganizationKey" (
    "organizationId" UUID NOT NULL,
    "wrappedKey" BYTEA NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganizationKey_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "Blob" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "size" BIGINT NOT NULL,
    "digest" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Blob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlobChunk" (
    "blobId" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "organizationId" UUID NOT NULL,
    "chunkId" TEXT NOT NULL,

    CONSTRAINT "BlobChunk_pkey" PRIMARY KEY ("blobId","index")
);

-- CreateTable
CREATE TABLE "Chunk" (
    "organizationId" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "generation" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "refCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Chunk_pkey" PRIMARY KEY ("organizationId","id")
);

-- CreateTable
CREATE TABLE "ChunkReplica" (
    "organizationId" UUID NOT NULL,
    "chunkId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "state" "ReplicaState" NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChunkReplica_pkey" PRIMARY KEY ("organizationId","chunkId","nodeId")
);

-- CreateTable
CREATE TABLE "ScrubRun" (
    "id" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "replicasChecked" INTEGER NOT NULL DEFAULT 0,
    "corruptRepaired" INTEGER NOT NULL DEFAULT 0,
    "missingRestored" INTEGER NOT NULL DEFAULT 0,
    "unrepairable" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "ScrubRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Blob_organizationId_idx" ON "Blob"("organizationId");

-- CreateIndex
CREATE INDEX "BlobChunk_organizationId_chunkId_idx" ON "BlobChunk"("organizationId", "chunkId");

-- CreateIndex
CREATE INDEX "ChunkReplica_organizationId_state_idx" ON "ChunkReplica"("organizationId", "state");

-- AddForeignKey
ALTER TABLE "OrganizationKey" ADD CONSTRAINT "OrganizationKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlobChunk" ADD CONSTRAINT "BlobChunk_blobId_fkey" FOREIGN KEY ("blobId") REFERENCES "Blob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlobChunk" ADD CONSTRAINT "BlobChunk_organizationId_chunkId_fkey" FOREIGN KEY ("organizationId", "chunkId") REFERENCES "Chunk"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChunkReplica" ADD CONSTRAINT "ChunkReplica_organizationId_chunkId_fkey" FOREIGN KEY ("organizationId", "chunkId") REFERENCES "Chunk"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation for the storage tables, as for every tenant-owned table
-- (see the init migration for the settings the policies read).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['OrganizationKey', 'Blob', 'BlobChunk', 'Chunk', 'ChunkReplica'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING ("organizationId" = app_current_organization_id()) WITH CHECK ("organizationId" = app_current_organization_id())',
      t);
  END LOOP;
END $$;

-- Platform jobs (the storage scrubber, master-key rotation) visit every
-- organization: they may list organization ids, and then work inside each
-- organization's own scope like any request.
CREATE FUNCTION app_is_platform_job() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('app.platform_job', true), '') = 'on' $$;
CREATE POLICY platform_job_lists ON "Organization" FOR SELECT USING (app_is_platform_job());
