import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { newOrganization } from "./testing/platform-database";
import { bytesOf, chunkFiles, filesUnder, newStorage } from "./testing/storage-fixture";

const CHUNK = 64 * 1024;
const chunkFilesOf = (dirs: string[]) => dirs.flatMap((dir) => filesUnder(dir)).filter((f) => f.includes("/chunks/"));

describe("deduplication", () => {
  it("gives two organizations storing the same bytes different chunk ids and different files", async () => {
    const { engine, organizationId, owner, db, dirs } = await newStorage({ chunkSize: CHUNK });
    const other = await newOrganization(db, "other");
    const data = crypto.randomBytes(3 * CHUNK);

    const mine = await engine.write(organizationId, bytesOf(data));
    const theirs = await engine.write(other, bytesOf(data));

    const mineIds = (await owner.chunk.findMany({ where: { organizationId }, select: { id: true } })).map((c) => c.id);
    const theirIds = (await owner.chunk.findMany({ where: { organizationId: other }, select: { id: true } })).map((c) => c.id);
    expect(mineIds).toHaveLength(3);
    expect(theirIds).toHaveLength(3);
    expect(mineIds.filter((id) => theirIds.includes(id))).toEqual([]);
    // Nothing about the content can be matched across organizations: not the fingerprint either.
    expect(theirs.digest).not.toBe(mine.digest);
    expect(chunkFilesOf(dirs)).toHaveLength(2 * 6);
    expect((await engine.readAll(other, theirs.blobId)).equals(data)).toBe(true);
  });

  it("stores the same bytes once within an organization, and deletes them with the last blob that uses them", async () => {
    const { engine, organizationId, owner, dirs } = await newStorage({ chunkSize: CHUNK });
    const data = crypto.randomBytes(2 * CHUNK + 10);

    const first = await engine.write(organizationId, bytesOf(data));
    const filesAfterFirst = chunkFilesOf(dirs).sort();
    const second = await engine.write(organizationId, bytesOf(data));

    expect(second.blobId).not.toBe(first.blobId);
    expect((await chunkFiles(owner, organizationId, dirs)).map((c) => c.refCount)).toEqual([2, 2, 2]);
    expect(chunkFilesOf(dirs).sort()).toEqual(filesAfterFirst);
    expect(filesAfterFirst).toHaveLength(2 * 3);

    await engine.delete(organizationId, first.blobId);
    expect((await chunkFiles(owner, organizationId, dirs)).map((c) => c.refCount)).toEqual([1, 1, 1]);
    expect(chunkFilesOf(dirs).sort()).toEqual(filesAfterFirst);
    expect((await engine.readAll(organizationId, second.blobId)).equals(data)).toBe(true);
    await expect(engine.open(organizationId, first.blobId)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await engine.delete(organizationId, second.blobId);
    expect(await owner.chunk.count({ where: { organizationId } })).toBe(0);
    expect(await owner.chunkReplica.count({ where: { organizationId } })).toBe(0);
    expect(await owner.blobChunk.count({ where: { organizationId } })).toBe(0);
    expect(chunkFilesOf(dirs)).toEqual([]);
    await expect(engine.delete(organizationId, second.blobId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("stores a chunk repeated within one blob once, however many writes race for it", async () => {
    const { engine, organizationId, owner, dirs } = await newStorage({ chunkSize: CHUNK });
    const zeros = Buffer.alloc(6 * CHUNK);

    const written = await Promise.all([1, 2, 3].map(() => engine.write(organizationId, bytesOf(zeros, CHUNK))));

    expect((await chunkFiles(owner, organizationId, dirs)).map((c) => c.refCount)).toEqual([18]);
    expect(chunkFilesOf(dirs)).toHaveLength(2);
    for (const { blobId } of written) expect((await engine.readAll(organizationId, blobId)).equals(zeros)).toBe(true);

    for (const { blobId } of written) await engine.delete(organizationId, blobId);
    expect(await owner.chunk.count({ where: { organizationId } })).toBe(0);
    expect(chunkFilesOf(dirs)).toEqual([]);
  });
});
