-- The trash and search by name are read a page at a time in these orders.

-- CreateIndex
CREATE INDEX "FileItem_driveId_trashedAt_id_idx" ON "FileItem"("driveId", "trashedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "FileItem_driveId_modifiedAt_id_idx" ON "FileItem"("driveId", "modifiedAt" DESC, "id");
