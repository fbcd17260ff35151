import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDatabase, withTenantScope, type ScopedDb } from "@awan/db";
import { afterAll, describe, expect, it } from "vitest";
import type { AfterCommit } from "../after-commit";
import { getStorageConfig } from "../config";
import { getDatabase } from "../db";
import { myDriveId, type FileScope } from "../files/file-scope";
import { placeFile } from "../files/place-file";
import { deleteForever, trashItems } from "../files/trash";
import { cancelUpload, createUpload } from "../files/uploads";
import { deleteMailMessage, storeMailMessage } from "../mail/mail-store";
import { ensurePersonalMailbox } from "../mail/provisioning";
import { rfc822 } from "../mail/testing/mail-fixture";
import { newAccount } from "../testing/fixtures";
import { getStorageEngine } from "./engine-instance";
import { bytesOf, chunkFiles, filesUnder, newStorage } from "./testing/storage-fixture";
import { newOrganization } from "./testing/platform-database";
import { sweepUnreferencedBlobs } from "./unreferenced-blobs";

// Each organization here is the test's own, and a sweep of one organization
// touches nothing else: these tests share the test database and its engine.
const owner = createDatabase(process.env.DATABASE_URL!);
afterAll(() => owner.$disconnect());

const engine = () => getStorageEngine();
const nodeDirs = () => getStorageConfig().nodes.map((n) => n.location);

/** Makes blobs `minutes` older, as only time could. */
async function age(blobIds: string[], minutes: number) {
  await owner.$executeRaw`UPDATE "Blob" SET "createdAt" = "createdAt" - ${minutes} * interval '1 minute' WHERE "id" = ANY(${blobIds}::uuid[])`;
}

/** The chunks a blob uses, each with its file on every node. */
async function storedChunks(organizationId: string, blobId: string) {
  const ids = (await owner.blobChunk.findMany({ where: { blobId }, select: { chunkId: true } })).map((c) => c.chunkId);
  return (await chunkFiles(owner, organizationId, nodeDirs())).filter((c) => ids.includes(c.id));
}

const filesOf = (chunks: Awaited<ReturnType<typeof storedChunks>>) => chunks.flatMap((c) => Object.values(c.files));
const blobExists = async (id: string) => (await owner.blob.count({ where: { id } })) === 1;
const sweep = (organizationId: string) => sweepUnreferencedBlobs(getDatabase(), engine().store, organizationId);

/** A person's organization, with transactions whose after-commit work either runs or is lost, as in a crash right after the commit. */
async function newPerson() {
  const { organizationId, userId } = await newAccount("blob-sweep");
  const actor = { organizationId, userId, role: "OWNER" as const };
  const inScope = async <T,>(work: (tx: ScopedDb, afterCommit: AfterCommit) => Promise<T>, crash = false) => {
    const queued: (() => Promise<unknown>)[] = [];
    const result = await withTenantScope(getDatabase(), { organizationId, userId }, (tx) => work(tx, (job) => queued.push(job)));
    if (!crash) for (const job of queued) await job();
    return result;
  };
  const inFiles = <T,>(work: (scope: FileScope) => Promise<T>, crash = false) => inScope((tx, afterCommit) => work({ tx, actor, afterCommit }), crash);
  return { organizationId, userId, inScope, inFiles };
}

type Person = Awaited<ReturnType<typeof newPerson>>;

/** A file stored as the upload paths store it: the blob written and committed first, then filed in a transaction of its own. */
async function storeFile({ organizationId, inFiles }: Person, content: Buffer) {
  const { blobId } = await engine().write(organizationId, bytesOf(content));
  const name = `${crypto.randomUUID()}.bin`;
  const { fileId } = await inFiles(async (scope) =>
    placeFile(scope, { driveId: await myDriveId(scope), parentId: null, name, contentType: null, onConflict: "FAIL", blobId, size: BigInt(content.length) }),
  );
  return { fileId, blobId };
}

describe("sweep of unreferenced blobs", () => {
  it("deletes a blob nobody references once it is older than the grace period, with its chunks and their files on both nodes", async () => {
    const person = await newPerson();
    const { organizationId } = person;
    const content = crypto.randomBytes(100_000);
    const old = await engine().write(organizationId, bytesOf(crypto.randomBytes(70_000)));
    const young = await engine().write(organizationId, bytesOf(crypto.randomBytes(70_000)));
    const almost = await engine().write(organizationId, bytesOf(crypto.randomBytes(70_000)));
    // Nobody's, but the same bytes as a file's: the chunk stays for the file, with one reference fewer.
    const twin = await engine().write(organizationId, bytesOf(content));
    const file = await storeFile(person, content);
    await age([old.blobId, twin.blobId, file.blobId], 61);
    await age([almost.blobId], 59);

    const doomed = await storedChunks(organizationId, old.blobId);
    expect(doomed).toHaveLength(1);
    expect(filesOf(doomed)).toHaveLength(nodeDirs().length);
    expect(nodeDirs().length).toBe(2);
    for (const file of filesOf(doomed)) expect(fs.existsSync(file), file).toBe(true);
    const [shared] = await storedChunks(organizationId, file.blobId);
    expect(shared!.refCount).toBe(2);

    expect(await sweep(organizationId)).toBe(2);

    expect(await blobExists(old.blobId)).toBe(false);
    expect(await blobExists(twin.blobId)).toBe(false);
    expect(await owner.chunk.count({ where: { organizationId, id: doomed[0]!.id } })).toBe(0);
    for (const file of filesOf(doomed)) expect(fs.existsSync(file), file).toBe(false);
    const [kept] = await storedChunks(organizationId, file.blobId);
    expect(kept).toMatchObject({ id: shared!.id, refCount: 1 });
    for (const replica of filesOf([kept!])) expect(fs.existsSync(replica), replica).toBe(true);
    expect((await engine().readAll(organizationId, file.blobId)).equals(content)).toBe(true);
    // Young ones may be about to get the row that uses them.
    expect(await blobExists(young.blobId)).toBe(true);
    expect(await blobExists(almost.blobId)).toBe(true);
    expect(await sweep(organizationId)).toBe(0);
  });

  it("keeps every kind of referenced blob, however old, and sweeps each once a crash lost the deletion after its referrer's commit", async () => {
    const person = await newPerson();
    const { organizationId, userId, inScope, inFiles } = person;
    const fileContent = crypto.randomBytes(50_000);
    const file = await storeFile(person, fileContent);
    const upload = await inFiles((scope) => createUpload(scope, { folderId: null, name: "half.bin", length: 200_000, contentType: null, onConflict: "FAIL" }));
    await engine().append(organizationId, upload.blobId, { offset: 0, length: 200_000 }, bytesOf(crypto.randomBytes(80_000)));
    const mail = await inScope(async (tx) => {
      const mailboxId = await ensurePersonalMailbox(tx, organizationId, userId);
      const stored = await storeMailMessage(tx, { organizationId, mailboxId, folder: "INBOX", raw: rfc822({ to: "someone@example.test", subject: "Kept", body: "Still here." }) });
      return tx.mailMessage.findUniqueOrThrow({ where: { id: stored.id }, select: { id: true, blobId: true } });
    });
    const referenced = [file.blobId, upload.blobId, mail.blobId];
    expect(await owner.blob.findUnique({ where: { id: upload.blobId }, select: { complete: true } })).toEqual({ complete: false });
    await age(referenced, 24 * 60);

    expect(await sweep(organizationId)).toBe(0);
    for (const blobId of referenced) expect(await blobExists(blobId), blobId).toBe(true);
    expect((await engine().readAll(organizationId, file.blobId)).equals(fileContent)).toBe(true);

    const chunks = (await Promise.all(referenced.map((blobId) => storedChunks(organizationId, blobId)))).flat();
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    // Deleted through the services, each deletion of the bytes lost with the process.
    await inFiles(async (scope) => {
      await trashItems(scope, [file.fileId]);
      await deleteForever(scope, [file.fileId]);
    }, true);
    await inFiles((scope) => cancelUpload(scope, upload.uploadId), true);
    await inScope((tx, afterCommit) => deleteMailMessage(tx, organizationId, mail.id, afterCommit), true);
    for (const blobId of referenced) expect(await blobExists(blobId), blobId).toBe(true);

    expect(await sweep(organizationId)).toBe(3);
    for (const blobId of referenced) expect(await blobExists(blobId), blobId).toBe(false);
    expect(await owner.chunk.count({ where: { organizationId, id: { in: chunks.map((c) => c.id) } } })).toBe(0);
    for (const gone of filesOf(chunks)) expect(fs.existsSync(gone), gone).toBe(false);
  });

  it("sweeps each organization in its own scope, from the start-up sweep and the scrub, and reports how many", async () => {
    const { db, owner: platformOwner, organizationId: first, engine: own, dirs } = await newStorage();
    const second = await newOrganization(db);
    const write = async (organizationId: string) => (await own.write(organizationId, bytesOf(Buffer.from("the same bytes in both")))).blobId;
    const blobs = { first: { old: await write(first), young: await write(first) }, second: { old: await write(second), young: await write(second) } };
    const ageIn = (ids: string[]) =>
      platformOwner.$executeRaw`UPDATE "Blob" SET "createdAt" = "createdAt" - interval '2 hours' WHERE "id" = ANY(${ids}::uuid[])`;
    const left = async () => (await platformOwner.blob.findMany({ select: { id: true } })).map((b) => b.id).sort();
    await ageIn([blobs.first.old, blobs.second.old]);

    // One organization's sweep leaves the other's debris alone.
    expect(await sweepUnreferencedBlobs(db, own.store, first)).toBe(1);
    expect(await left()).toEqual([blobs.first.young, blobs.second.old, blobs.second.young].sort());

    expect(await own.sweepAfterCrash()).toMatchObject({ unreferencedBlobs: 1 });
    expect(await left()).toEqual([blobs.first.young, blobs.second.young].sort());

    await ageIn([blobs.first.young, blobs.second.young]);
    expect(await own.scrub()).toMatchObject({ unreferencedBlobs: 2, unrepairable: 0 });
    expect(await left()).toEqual([]);
    expect(await platformOwner.chunk.count()).toBe(0);
    for (const dir of dirs) expect(filesUnder(path.join(dir, "chunks")), dir).toEqual([]);
    expect(await platformOwner.scrubRun.findFirstOrThrow({ select: { error: true } })).toEqual({ error: null });
  });
});
