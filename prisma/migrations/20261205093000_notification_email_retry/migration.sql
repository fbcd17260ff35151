-- An e-mail copy of a notification that failed for a reason that may pass is tried again later.

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "emailAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "emailRetryAt" TIMESTAMP(3);
