// The files housekeeping job: old trash, abandoned uploads, version thinning.
//
// The job visits every organization in the shared test database, so these
// tests age their own rows (through the owner's connection) rather than run
// the job far in the future, which would also purge other test files' trash
// and uploads while they run. Its `now` is an hour ahead: nothing anyone else
// made is that close to a limit.
import { describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { runFileHousekeeping } from "./housekeeping";
import { newFilesOwner, storedVersions, useOwnerDatabase, useTransferServer, type FilesPerson } from "./testing/files-fixture";
import { TEST_SESSION_HEADER } from "./testing/transfer-server";

const transfer = useTransferServer();
const owner = useOwnerDatabase();

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const housekeeping = () => runFileHousekeeping(getDatabase(), new Date(Date.now() + HOUR));
const usedBytes = async (who: FilesPerson) => (await who.caller.files.usage()).drive.usedBytes;

/** `hour` o'clock (UTC) on the day `days` before today. */
function daysAgoAt(days: number, hour: number): Date {
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  return new Date(midnight.getTime() - days * DAY + hour * HOUR);
}

describe("file housekeeping", () => {
  it("deletes for good what has been in the trash longer than 30 days, and nothing younger", async () => {
    const me = await newFilesOwner();
    const old = await transfer.upload(me, "old.txt", `old ${crypto.randomUUID()}`);
    const recent = await transfer.upload(me, "recent.txt", "recent");
    const live = await transfer.upload(me, "live.txt", "live");
    await me.caller.files.trash({ itemIds: [old.id, recent.id] });
    await owner.fileItem.update({ where: { id: old.id }, data: { trashedAt: new Date(Date.now() - 31 * DAY) } });
    await owner.fileItem.update({ where: { id: recent.id }, data: { trashedAt: new Date(Date.now() - 29 * DAY) } });
    const stored = await storedVersions(owner, me.organizationId, old.id);

    const report = await housekeeping();
    expect(report.trashPurged).toBeGreaterThanOrEqual(1);
    expect((await me.caller.files.listTrash()).items.map((t) => t.name)).toEqual(["recent.txt"]);
    expect(await usedBytes(me)).toBe(recent.size + live.size);
    expect(await owner.blob.count({ where: { id: { in: stored.blobIds } } })).toBe(0);
    expect(await transfer.download(me, live.id)).toBe("live");
  });

  it("purges a trashed folder together with what was trashed from inside it", async () => {
    const me = await newFilesOwner();
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Old projects" });
    const inner = await transfer.upload(me, "inner.txt", "inner", { folderId: folder.id });
    await me.caller.files.trash({ itemIds: [inner.id] });
    await me.caller.files.trash({ itemIds: [folder.id] });
    // The folder aged first, so the job is likely to meet it before the item inside.
    await owner.fileItem.update({ where: { id: folder.id }, data: { trashedAt: new Date(Date.now() - 40 * DAY) } });
    await owner.fileItem.update({ where: { id: inner.id }, data: { trashedAt: new Date(Date.now() - 35 * DAY) } });

    await housekeeping();
    expect((await me.caller.files.listTrash()).items).toEqual([]);
    expect(await usedBytes(me)).toBe(0);
  });

  it("drops uploads nobody resumed and gives their reservation back", async () => {
    const me = await newFilesOwner();
    const abandoned = await transfer.startUpload(me, "abandoned.iso", 5000);
    const active = await transfer.startUpload(me, "active.iso", 700);
    expect(await usedBytes(me)).toBe(5700);
    const abandonedId = abandoned.split("/").pop()!;
    const { blobId } = await owner.upload.findUniqueOrThrow({ where: { id: abandonedId }, select: { blobId: true } });
    await owner.upload.update({ where: { id: abandonedId }, data: { expiresAt: new Date(Date.now() - 60_000) } });

    const report = await housekeeping();
    expect(report.uploadsExpired).toBeGreaterThanOrEqual(1);
    expect(await usedBytes(me)).toBe(700);
    expect(await owner.upload.count({ where: { id: abandonedId } })).toBe(0);
    expect(await owner.blob.count({ where: { id: blobId } })).toBe(0);
    const status = (url: string) => fetch(url, { method: "HEAD", headers: { [TEST_SESSION_HEADER]: me.sessionId, "Tus-Resumable": "1.0.0" } }).then((r) => r.status);
    expect(await status(abandoned)).toBe(404);
    expect(await status(active)).toBe(200);
  });

  it("thins versions: all kept while young, then the newest of each day, then none; the current version always stays", async () => {
    const me = await newFilesOwner();
    await me.caller.fileSettings.update({ quotaBytes: null, personQuotaBytes: null, keepAllVersionsDays: 3, keepVersionsDays: 14 });
    const file = await transfer.upload(me, "log.txt", "v1");
    for (const content of ["v2", "v3", "v4", "v5", "v6", "v7"]) await transfer.upload(me, "log.txt", content, { onConflict: "REPLACE" });
    const [v7, v6, v5, v4, v3, v2, v1] = (await me.caller.files.versions({ fileId: file.id })).map((v) => v.id);
    const ages: [string | undefined, Date][] = [
      [v1, daysAgoAt(20, 12)], // past 14 days: goes
      [v2, daysAgoAt(7, 9)], // not the newest of its day: goes
      [v3, daysAgoAt(7, 15)],
      [v4, daysAgoAt(6, 12)],
      [v5, daysAgoAt(1, 8)], // younger than 3 days: all stay
      [v6, daysAgoAt(1, 9)],
    ];
    for (const [id, createdAt] of ages) await owner.fileVersion.update({ where: { id: id! }, data: { createdAt } });
    // A file untouched for long: its only version is current, so it stays.
    const quiet = await transfer.upload(me, "quiet.txt", "quiet");
    await owner.fileVersion.updateMany({ where: { fileId: quiet.id }, data: { createdAt: daysAgoAt(40, 12) } });
    const blobs = await owner.fileVersion.findMany({ where: { id: { in: [v1!, v2!] } }, select: { blobId: true } });
    const used = await usedBytes(me);

    const report = await housekeeping();
    expect(report.versionsThinned).toBeGreaterThanOrEqual(2);
    expect((await me.caller.files.versions({ fileId: file.id })).map((v) => v.id)).toEqual([v7, v6, v5, v4, v3]);
    expect(await me.caller.files.versions({ fileId: quiet.id })).toHaveLength(1);
    expect(await usedBytes(me)).toBe(used - 4);
    expect(await owner.blob.count({ where: { id: { in: blobs.map((b) => b.blobId) } } })).toBe(0);
    expect(await transfer.download(me, file.id)).toBe("v7");
    expect(await transfer.download(me, file.id, v3)).toBe("v3");
    expect(await transfer.download(me, quiet.id)).toBe("quiet");
  });

  it("keeps the newest version of each day for ever when no limit is set", async () => {
    const me = await newFilesOwner();
    await me.caller.fileSettings.update({ quotaBytes: null, personQuotaBytes: null, keepAllVersionsDays: 1, keepVersionsDays: null });
    const file = await transfer.upload(me, "diary.txt", "w1");
    for (const content of ["w2", "w3"]) await transfer.upload(me, "diary.txt", content, { onConflict: "REPLACE" });
    const [w3, w2, w1] = (await me.caller.files.versions({ fileId: file.id })).map((v) => v.id);
    await owner.fileVersion.update({ where: { id: w1! }, data: { createdAt: daysAgoAt(400, 9) } });
    await owner.fileVersion.update({ where: { id: w2! }, data: { createdAt: daysAgoAt(400, 10) } });

    await housekeeping();
    expect((await me.caller.files.versions({ fileId: file.id })).map((v) => v.id)).toEqual([w3, w2]);
  });
});
