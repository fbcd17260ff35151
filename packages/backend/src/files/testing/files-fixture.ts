// People with files, for the files integration tests. Contents go in over
// real HTTP with tus-js-client (the browser's client) through the transfer
// routes, as the console sends them; everything else goes through tRPC.
import { createDatabase, type Database } from "@awan/db";
import { afterAll, beforeAll } from "vitest";
import { getStorageConfig } from "../../config";
import { chunkFiles } from "../../storage/testing/storage-fixture";
import { addMember, callerFor, newAccount } from "../../testing/fixtures";
import { tusUpload } from "./transfer-client";
import { startTransferServer, TEST_SESSION_HEADER } from "./transfer-server";

export type FilesPerson = Awaited<ReturnType<typeof signedIn>>;

async function signedIn(organizationId: string, userId: string) {
  const { caller, sessionId } = await callerFor(userId);
  const { name, email } = (await caller.auth.viewer()).user;
  return { organizationId, userId, name, email, caller, sessionId };
}

/** A new person who owns a new organization. */
export async function newFilesOwner(label = "files") {
  const { organizationId, userId } = await newAccount(label);
  return signedIn(organizationId, userId);
}

/** Another person in `owner`'s organization, with `role`. */
export async function newColleague(owner: FilesPerson, role: "ADMIN" | "MEMBER" | "GUEST" = "MEMBER") {
  const { userId } = await addMember(owner.organizationId, owner.userId, role);
  return signedIn(owner.organizationId, userId);
}

/** The item named `name` in a folder of `who`'s drive (null: the top), or an error. */
export async function itemNamed(who: FilesPerson, name: string, folderId: string | null = null) {
  const item = (await who.caller.files.list({ folderId })).items.find((i) => i.name === name);
  if (!item) throw new Error(`“${name}” is not in the folder`);
  return item;
}

type UploadOptions = { folderId?: string | null; onConflict?: "FAIL" | "REPLACE" | "KEEP_BOTH" };

/** The transfer server for this test file's lifetime, and uploads and downloads through it. */
export function useTransferServer() {
  let server: Awaited<ReturnType<typeof startTransferServer>>;
  beforeAll(async () => {
    server = await startTransferServer();
  });
  afterAll(() => server.close());
  const base = (who: FilesPerson) => `${server.baseUrl}/api/files/${who.organizationId}`;
  const headers = (who: FilesPerson) => ({ [TEST_SESSION_HEADER]: who.sessionId });

  /** Uploads `content` as `name`; resolves to the file as listed in its folder. */
  async function upload(who: FilesPerson, name: string, content: string | Buffer, options: UploadOptions = {}) {
    await tusUpload({ ...who, base: base(who), headers: headers(who) }, name, Buffer.from(content), { ...options, contentType: "text/plain" });
    return itemNamed(who, name, options.folderId ?? null);
  }

  /** Declares an upload of `length` bytes and sends none of them, as a client that went away. */
  async function startUpload(who: FilesPerson, name: string, length: number): Promise<string> {
    const response = await fetch(`${base(who)}/uploads`, {
      method: "POST",
      headers: { ...headers(who), "Tus-Resumable": "1.0.0", "Upload-Length": String(length), "Upload-Metadata": `name ${Buffer.from(name).toString("base64")}` },
    });
    if (response.status !== 201) throw new Error(`Creating the upload answered ${response.status}: ${await response.text()}`);
    return new URL(response.headers.get("location")!, base(who)).href;
  }

  /** A file's content (its current version, or `versionId`) as text. */
  async function download(who: FilesPerson, fileId: string, versionId?: string): Promise<string> {
    const response = await fetch(`${base(who)}/items/${fileId}/content${versionId ? `?version=${versionId}` : ""}`, { headers: headers(who) });
    if (response.status !== 200) throw new Error(`Downloading answered ${response.status}: ${await response.text()}`);
    return response.text();
  }

  return { upload, startUpload, download };
}

/**
 * The owner's connection, which row-level security does not confine: for
 * looking at rows no procedure shows (blobs, chunks) and for ageing rows as
 * only time could. Disconnected after the test file.
 */
export function useOwnerDatabase(): Database {
  const owner = createDatabase(process.env.DATABASE_URL!);
  afterAll(() => owner.$disconnect());
  return owner;
}

/** The id of `who`'s "My files" drive (made on first use), read through an owner connection. */
export async function myDriveId(owner: Database, who: FilesPerson): Promise<string> {
  await who.caller.files.usage();
  return (await owner.drive.findFirstOrThrow({ where: { organizationId: who.organizationId, ownerUserId: who.userId }, select: { id: true } })).id;
}

/** The stored state of a file's versions: their blobs, the chunks behind them, and those chunks' files on the storage nodes. */
export async function storedVersions(owner: Database, organizationId: string, fileId: string) {
  const versions = await owner.fileVersion.findMany({ where: { fileId }, select: { blobId: true } });
  const blobIds = versions.map((v) => v.blobId);
  const chunkIds = (await owner.blobChunk.findMany({ where: { blobId: { in: blobIds } }, select: { chunkId: true } })).map((c) => c.chunkId);
  const dirs = getStorageConfig().nodes.map((n) => n.location);
  const files = (await chunkFiles(owner, organizationId, dirs)).filter((c) => chunkIds.includes(c.id)).flatMap((c) => Object.values(c.files));
  return { blobIds, chunkIds, files };
}
