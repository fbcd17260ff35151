-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "isPrivate" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Drive" ADD COLUMN "ownerWorkspaceId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Drive_organizationId_ownerWorkspaceId_key" ON "Drive"("organizationId", "ownerWorkspaceId");

-- AddForeignKey
ALTER TABLE "Drive" ADD CONSTRAINT "Drive_ownerWorkspaceId_fkey" FOREIGN KEY ("ownerWorkspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A drive is a person's "My files" or a workspace's shared folder, never both or neither.
ALTER TABLE "Drive" ADD CONSTRAINT "Drive_one_owner_check" CHECK (("ownerUserId" IS NULL) <> ("ownerWorkspaceId" IS NULL));
