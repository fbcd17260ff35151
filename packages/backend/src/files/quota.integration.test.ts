// Quotas per person and per organization, set by administrators, and the numbers behind the usage bars.
import { describe, expect, it } from "vitest";
import { newColleague, newFilesOwner, useTransferServer, type FilesPerson } from "./testing/files-fixture";

const transfer = useTransferServer();

const settings = (quotaBytes: number | null, personQuotaBytes: number | null) => ({ quotaBytes, personQuotaBytes, keepAllVersionsDays: 30, keepVersionsDays: 365 });
const namesIn = async (who: FilesPerson) => (await who.caller.files.list({ folderId: null })).items.map((i) => i.name);

describe("file settings", () => {
  it("starts without limits, and is changed by administrators only", async () => {
    const me = await newFilesOwner();
    const admin = await newColleague(me, "ADMIN");
    const member = await newColleague(me, "MEMBER");
    expect(await me.caller.fileSettings.get()).toEqual({ ...settings(null, null), usedBytes: 0, linkPasswordRequired: false, linkMaxExpiryDays: null });

    expect(await admin.caller.fileSettings.update({ ...settings(10_000, 1000), keepAllVersionsDays: 7, keepVersionsDays: null })).toEqual({
      quotaBytes: 10_000,
      personQuotaBytes: 1000,
      keepAllVersionsDays: 7,
      keepVersionsDays: null,
      usedBytes: 0,
      linkPasswordRequired: false,
      linkMaxExpiryDays: null,
    });
    await expect(member.caller.fileSettings.update(settings(null, null))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(member.caller.fileSettings.get()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.caller.fileSettings.update({ ...settings(null, null), keepAllVersionsDays: 30, keepVersionsDays: 10 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Daily versions must be kept at least as long as every version."),
    });
    expect(await me.caller.fileSettings.get()).toMatchObject({ quotaBytes: 10_000, personQuotaBytes: 1000, keepAllVersionsDays: 7 });
  });
});

describe("quotas", () => {
  it("gives the usage bars their numbers: the person's drive and the whole organization", async () => {
    const me = await newFilesOwner();
    const colleague = await newColleague(me);
    await me.caller.fileSettings.update(settings(5000, 1000));
    await transfer.upload(me, "mine.txt", "x".repeat(300));
    await transfer.upload(colleague, "theirs.txt", "y".repeat(200));

    expect(await me.caller.files.usage()).toEqual({ drive: { usedBytes: 300, quotaBytes: 1000 }, organization: { usedBytes: 500, quotaBytes: 5000 } });
    expect(await colleague.caller.files.usage()).toEqual({ drive: { usedBytes: 200, quotaBytes: 1000 }, organization: { usedBytes: 500, quotaBytes: 5000 } });
    expect((await me.caller.fileSettings.get()).usedBytes).toBe(500);
  });

  it("refuses what would pass a person's quota, saying how much is free, and stores nothing of it", async () => {
    const me = await newFilesOwner();
    await me.caller.fileSettings.update(settings(null, 100));
    const file = await transfer.upload(me, "forty.txt", "4".repeat(40));

    await expect(transfer.upload(me, "seventy.txt", "7".repeat(70))).rejects.toThrow(
      "This needs 70 bytes, but only 60 bytes of your 100 bytes quota is free. Delete files or empty the trash to make room.",
    );
    await me.caller.files.copy({ itemIds: [file.id], folderId: null });
    const copy = (await me.caller.files.list({ folderId: null })).items.find((i) => i.name === "forty (2).txt")!;
    await expect(me.caller.files.copy({ itemIds: [file.id], folderId: null })).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: "This needs 40 bytes, but only 20 bytes of your 100 bytes quota is free. Delete files or empty the trash to make room.",
    });
    expect(await namesIn(me)).toEqual(["forty (2).txt", "forty.txt"]);
    expect((await me.caller.files.usage()).drive.usedBytes).toBe(80);

    // The trash still counts; deleting for good makes room.
    await me.caller.files.trash({ itemIds: [file.id] });
    await expect(me.caller.files.copy({ itemIds: [copy.id], folderId: null })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    await me.caller.files.emptyTrash();
    await transfer.upload(me, "fits now.txt", "5".repeat(60));
    expect((await me.caller.files.usage()).drive.usedBytes).toBe(100);
  });

  it("refuses what would pass the organization's quota, whoever stores it", async () => {
    const me = await newFilesOwner();
    const colleague = await newColleague(me);
    await me.caller.fileSettings.update(settings(150, 100));
    await transfer.upload(me, "mine.txt", "m".repeat(80));
    await expect(transfer.upload(colleague, "theirs.txt", "t".repeat(80))).rejects.toThrow(
      "Your organization has used its storage quota. Ask an administrator to raise it, or delete files to make room.",
    );
    expect(await colleague.caller.files.usage()).toEqual({ drive: { usedBytes: 0, quotaBytes: 100 }, organization: { usedBytes: 80, quotaBytes: 150 } });
    await transfer.upload(colleague, "theirs.txt", "t".repeat(70));
  });

  it("refuses restoring a version that would not fit", async () => {
    const me = await newFilesOwner();
    await me.caller.fileSettings.update(settings(null, 100));
    const file = await transfer.upload(me, "a.txt", "a".repeat(50));
    await transfer.upload(me, "a.txt", "b".repeat(40), { onConflict: "REPLACE" });
    const [, first] = await me.caller.files.versions({ fileId: file.id });
    await expect(me.caller.files.restoreVersion({ fileId: file.id, versionId: first!.id })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(await me.caller.files.versions({ fileId: file.id })).toHaveLength(2);
    expect(await transfer.download(me, file.id)).toBe("b".repeat(40));
  });

  it("keeps everything when a quota is lowered below what is stored, and refuses only what comes next", async () => {
    const me = await newFilesOwner();
    await me.caller.fileSettings.update(settings(null, 1000));
    const file = await transfer.upload(me, "big.txt", "z".repeat(500));
    await me.caller.fileSettings.update(settings(200, 100));

    expect(await me.caller.files.usage()).toEqual({ drive: { usedBytes: 500, quotaBytes: 100 }, organization: { usedBytes: 500, quotaBytes: 200 } });
    expect(await namesIn(me)).toEqual(["big.txt"]);
    expect(await transfer.download(me, file.id)).toBe("z".repeat(500));
    await expect(transfer.upload(me, "one more.txt", "1")).rejects.toThrow("This needs 1 byte, but only 0 bytes of your 100 bytes quota is free.");
    // Folders take no space.
    await me.caller.files.createFolder({ parentId: null, name: "Still possible" });
  });
});
