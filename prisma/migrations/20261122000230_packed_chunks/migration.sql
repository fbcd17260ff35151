-- AlterTable
ALTER TABLE "BlobChunk" ADD COLUMN     "length" INTEGER,
ADD COLUMN     "offset" INTEGER NOT NULL DEFAULT 0;
