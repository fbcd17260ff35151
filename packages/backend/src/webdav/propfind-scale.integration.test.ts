// PROPFIND depth 1 of a folder costs the same few queries whatever its size:
// one for the path, one for the children, one for their dead properties.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { withAfterCommit } from "../after-commit";
import { getDatabase } from "../db";
import { placeNewFiles } from "../files/place-file";
import { getStorageEngine } from "../storage";
import { dav, hrefsIn } from "./testing/dav-client";
import { newDavOwner, startDavServer, type DavPerson } from "./testing/dav-fixture";

let server: Awaited<ReturnType<typeof startDavServer>>;
beforeAll(async () => {
  server = await startDavServer();
});
afterAll(() => server.close());

/** A folder of `count` small files, stored and filed the way a folder upload files them. */
async function folderOf(who: DavPerson, name: string, count: number) {
  expect((await dav(server.baseUrl, who, "MKCOL", name)).status).toBe(201);
  const actor = { organizationId: who.organizationId, userId: who.userId, role: "OWNER" as const };
  for (let start = 0; start < count; start += 2000) {
    const names = Array.from({ length: Math.min(2000, count - start) }, (_, i) => `file-${String(start + i).padStart(5, "0")}.txt`);
    const blobs = await getStorageEngine().writeSmall(who.organizationId, names.map((n) => Buffer.from(n)));
    await withAfterCommit(getDatabase(), { organizationId: who.organizationId, userId: who.userId }, async (tx, afterCommit) => {
      const folder = await tx.fileItem.findFirstOrThrow({ where: { name, parentId: null, trashedAt: null, createdById: who.userId }, select: { id: true, driveId: true } });
      await placeNewFiles({ tx, actor, afterCommit }, folder.driveId, folder.id, names.map((n, i) => ({ name: n, contentType: "text/plain", blobId: blobs[i]!.blobId, size: BigInt(n.length) })));
    });
  }
}

/** Runs `work` and counts the statements this process sends to PostgreSQL meanwhile (BEGIN and COMMIT included). */
async function countQueries(work: () => Promise<unknown>): Promise<number> {
  const original = pg.Client.prototype.query;
  let count = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return count;
}

it("lists 10,000 files with a bounded number of queries, the same as for 10, with their dead properties", { timeout: 120_000 }, async () => {
  const person = await newDavOwner("propfind");
  await folderOf(person, "small", 10);
  await folderOf(person, "large", 10_000);
  const tag = '<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><x:colour xmlns:x="urn:example">blue</x:colour></D:prop></D:set></D:propertyupdate>';
  expect((await dav(server.baseUrl, person, "PROPPATCH", "large/file-09999.txt", { body: tag })).status).toBe(207);

  const propfind = (folder: string) => dav(server.baseUrl, person, "PROPFIND", `${folder}/`, { headers: { Depth: "1" } });
  let large: Awaited<ReturnType<typeof propfind>> | null = null;
  const forSmall = await countQueries(() => propfind("small"));
  const forLarge = await countQueries(async () => (large = await propfind("large")));

  expect(large!.status).toBe(207);
  const hrefs = hrefsIn(large!.text);
  expect(hrefs).toHaveLength(10_001);
  expect(hrefs.at(-1)).toBe(`/dav/files/${person.email}/large/file-09999.txt`);
  expect(large!.text).toContain('<P:colour xmlns:P="urn:example">blue</P:colour>');
  expect(large!.text.match(/<D:getcontentlength>/g)).toHaveLength(10_000);
  // Sign-in, drive, path, children, dead properties, and the transactions around them.
  expect(forSmall).toBeGreaterThan(4);
  expect(forLarge).toBe(forSmall);
  expect(forLarge).toBeLessThanOrEqual(16);
});
