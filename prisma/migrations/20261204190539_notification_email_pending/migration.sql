-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "emailPending" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Notification_organizationId_emailPending_idx" ON "Notification"("organizationId", "emailPending");
