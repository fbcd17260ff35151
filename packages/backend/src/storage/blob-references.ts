import { Prisma } from "@awan/db";

/** Blob's relations that keep a blob alive: all but its own chunks. */
type BlobReferrer = Exclude<keyof Prisma.BlobInclude, "chunks" | "_count">;

/**
 * Every column that keeps a blob: one that no row names is debris (see
 * unreferenced-blobs.ts). The one list to update when a table starts
 * referencing Blob: a new relation on Blob does not compile until it is
 * named here, and blob-references.integration.test.ts fails while a foreign
 * key to "Blob" in the database is missing from it.
 */
export const BLOB_REFERENCES: Record<BlobReferrer, { table: string; column: string }> = {
  version: { table: "FileVersion", column: "blobId" },
  upload: { table: "Upload", column: "blobId" },
  attachment: { table: "MessageAttachment", column: "blobId" },
  mailMessage: { table: "MailMessage", column: "blobId" },
  mailDraftFile: { table: "MailDraftAttachment", column: "blobId" },
  outboundMail: { table: "OutboundMail", column: "blobId" },
};

/** SQL that holds when no row references the blob `alias` stands for (each check an index lookup). */
export function unreferencedBlob(alias: string): Prisma.Sql {
  return Prisma.join(
    Object.values(BLOB_REFERENCES).map(({ table, column }) => Prisma.raw(`NOT EXISTS (SELECT 1 FROM "${table}" r WHERE r."${column}" = ${alias}."id")`)),
    " AND ",
  );
}
