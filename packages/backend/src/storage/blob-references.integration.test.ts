import type { Database } from "@awan/db";
import { describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { BLOB_REFERENCES } from "./blob-references";
import { newPlatformDatabase } from "./testing/platform-database";

/** Every foreign key pointing at "Blob", as "Table.column", read from the catalog. */
async function foreignKeysToBlob(db: Database): Promise<string[]> {
  const rows = await db.$queryRaw<{ key: string }[]>`
    SELECT t.relname || '.' || string_agg(a.attname, ',' ORDER BY a.attnum) AS key
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
    WHERE c.contype = 'f' AND c.confrelid = '"Blob"'::regclass
    GROUP BY c.oid, t.relname`;
  return rows.map((r) => r.key).sort();
}

// A blob's chunk rows are part of the blob (deleted with it), not a use of it.
const PART_OF_BLOB = "BlobChunk.blobId";

const listed = () => Object.values(BLOB_REFERENCES).map(({ table, column }) => `${table}.${column}`).sort();

describe("what references a blob", () => {
  it("names every foreign key to Blob in the database, and nothing else: the unreferenced-blob sweep never deletes a blob in use", async () => {
    const keys = await foreignKeysToBlob(getDatabase());
    expect(keys).toContain(PART_OF_BLOB);
    expect(keys.filter((key) => key !== PART_OF_BLOB)).toEqual(listed());
  });

  it("notices a new table that references Blob", async () => {
    const { owner } = await newPlatformDatabase();
    await owner.$executeRawUnsafe(`CREATE TABLE "FutureFeature" ("id" uuid PRIMARY KEY, "blobId" uuid NOT NULL REFERENCES "Blob"("id"))`);
    const unlisted = (await foreignKeysToBlob(owner)).filter((key) => key !== PART_OF_BLOB && !listed().includes(key));
    expect(unlisted).toEqual(["FutureFeature.blobId"]);
  });
});
