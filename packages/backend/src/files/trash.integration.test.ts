// The trash: putting in, taking out, deleting for good; and copies, which share stored bytes.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { newFilesOwner, storedVersions, useOwnerDatabase, useTransferServer, type FilesPerson } from "./testing/files-fixture";

const transfer = useTransferServer();
const owner = useOwnerDatabase();

const namesIn = async (who: FilesPerson, folderId: string | null) => (await who.caller.files.list({ folderId })).items.map((i) => i.name);
const usedBytes = async (who: FilesPerson) => (await who.caller.files.usage()).drive.usedBytes;

describe("trash and restore", () => {
  it("puts an item in the trash and back where it was", async () => {
    const me = await newFilesOwner();
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Letters" });
    const file = await transfer.upload(me, "letter.txt", "Dear", { folderId: folder.id });

    await me.caller.files.trash({ itemIds: [file.id] });
    expect(await namesIn(me, folder.id)).toEqual([]);
    expect(await usedBytes(me)).toBe(4); // the trash still counts
    const [trashed, ...rest] = (await me.caller.files.listTrash()).items;
    expect(rest).toEqual([]);
    expect(trashed).toMatchObject({ id: file.id, name: "letter.txt", originalPath: [{ id: folder.id, name: "Letters" }], originalFolderAvailable: true });

    expect(await me.caller.files.restore({ itemId: file.id })).toEqual({ name: "letter.txt", folderId: folder.id });
    expect(await namesIn(me, folder.id)).toEqual(["letter.txt"]);
    expect((await me.caller.files.listTrash()).items).toEqual([]);
    expect(await transfer.download(me, file.id)).toBe("Dear");
  });

  it("asks where to restore to when the original folder is in the trash too", async () => {
    const me = await newFilesOwner();
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Old" });
    const elsewhere = await me.caller.files.createFolder({ parentId: null, name: "Elsewhere" });
    const file = await transfer.upload(me, "keep.txt", "keep", { folderId: folder.id });
    await me.caller.files.trash({ itemIds: [file.id] });
    await me.caller.files.trash({ itemIds: [folder.id] });
    expect((await me.caller.files.listTrash()).items.find((t) => t.id === file.id)!.originalFolderAvailable).toBe(false);

    await expect(me.caller.files.restore({ itemId: file.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "The folder “keep.txt” was in is in the trash too. Choose where to restore it.",
    });
    expect((await me.caller.files.listTrash()).items).toHaveLength(2);
    // Nor into a folder that is itself in the trash.
    await expect(me.caller.files.restore({ itemId: file.id, folderId: folder.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await me.caller.files.restore({ itemId: file.id, folderId: elsewhere.id })).toEqual({ name: "keep.txt", folderId: elsewhere.id });
    expect(await namesIn(me, elsewhere.id)).toEqual(["keep.txt"]);
    expect((await me.caller.files.listTrash()).items.map((t) => t.id)).toEqual([folder.id]);
  });

  it("restores under a free name when the name was taken meanwhile", async () => {
    const me = await newFilesOwner();
    const first = await transfer.upload(me, "report.pdf", "first");
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Notes" });
    await me.caller.files.trash({ itemIds: [first.id, folder.id] });
    await transfer.upload(me, "report.pdf", "second");
    await me.caller.files.createFolder({ parentId: null, name: "Notes" });
    await me.caller.files.createFolder({ parentId: null, name: "Notes (2)" });

    expect(await me.caller.files.restore({ itemId: first.id })).toEqual({ name: "report (2).pdf", folderId: null });
    expect(await me.caller.files.restore({ itemId: folder.id })).toEqual({ name: "Notes (3)", folderId: null });
    expect(await namesIn(me, null)).toEqual(["Notes", "Notes (2)", "Notes (3)", "report (2).pdf", "report.pdf"]);
    expect(await transfer.download(me, first.id)).toBe("first");
  });

  it("hides what is inside a trashed folder, by id too, until the folder is restored", async () => {
    const me = await newFilesOwner();
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Archive" });
    const sub = await me.caller.files.createFolder({ parentId: folder.id, name: "2025" });
    const file = await transfer.upload(me, "deep.txt", "deep", { folderId: sub.id });
    await me.caller.files.trash({ itemIds: [folder.id] });

    const refusals = [
      () => me.caller.files.list({ folderId: sub.id }),
      () => me.caller.files.versions({ fileId: file.id }),
      () => me.caller.files.rename({ itemId: file.id, name: "x.txt" }),
      () => me.caller.files.move({ itemIds: [file.id], folderId: null }),
      () => me.caller.files.copy({ itemIds: [file.id], folderId: null }),
      () => me.caller.files.trash({ itemIds: [file.id] }),
      () => me.caller.files.createFolder({ parentId: sub.id, name: "new" }),
      () => me.caller.files.restore({ itemId: file.id }), // it is not itself in the trash
    ];
    for (const call of refusals) await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(transfer.download(me, file.id)).rejects.toThrow(/404/);
    expect((await me.caller.files.listTrash()).items.map((t) => t.name)).toEqual(["Archive"]);

    await me.caller.files.restore({ itemId: folder.id });
    expect(await namesIn(me, sub.id)).toEqual(["deep.txt"]);
    expect(await transfer.download(me, file.id)).toBe("deep");
  });
});

describe("deleting for good", () => {
  it("frees the quota and removes the stored bytes once committed", async () => {
    const me = await newFilesOwner();
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Big" });
    const file = await transfer.upload(me, "a.txt", `unique ${crypto.randomUUID()}`, { folderId: folder.id });
    await transfer.upload(me, "a.txt", `another ${crypto.randomUUID()}`, { folderId: folder.id, onConflict: "REPLACE" });
    const stored = await storedVersions(owner, me.organizationId, file.id);
    expect(stored.blobIds).toHaveLength(2);
    expect(stored.files.length).toBeGreaterThan(0);
    expect(stored.files.every((f) => fs.existsSync(f))).toBe(true);
    const used = await usedBytes(me);
    expect(used).toBeGreaterThan(0);

    await expect(me.caller.files.deleteForever({ itemIds: [folder.id] })).rejects.toMatchObject({ code: "NOT_FOUND" }); // not in the trash
    await me.caller.files.trash({ itemIds: [folder.id] });
    expect(await usedBytes(me)).toBe(used);
    await me.caller.files.deleteForever({ itemIds: [folder.id] });

    expect((await me.caller.files.listTrash()).items).toEqual([]);
    expect(await me.caller.files.usage()).toMatchObject({ drive: { usedBytes: 0 }, organization: { usedBytes: 0 } });
    expect(await owner.fileItem.count({ where: { id: { in: [folder.id, file.id] } } })).toBe(0);
    expect(await owner.blob.count({ where: { id: { in: stored.blobIds } } })).toBe(0);
    expect(await owner.chunk.count({ where: { id: { in: stored.chunkIds } } })).toBe(0);
    expect(stored.files.filter((f) => fs.existsSync(f))).toEqual([]);
  });

  it("deletes a trashed folder and what was trashed from inside it, in any order", async () => {
    const me = await newFilesOwner();
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Outer" });
    const inner = await transfer.upload(me, "inner.txt", "inner", { folderId: folder.id });
    await me.caller.files.trash({ itemIds: [inner.id] });
    await me.caller.files.trash({ itemIds: [folder.id] });
    expect((await me.caller.files.listTrash()).items).toHaveLength(2);

    // Both selected in the trash, the folder first.
    await me.caller.files.deleteForever({ itemIds: [folder.id, inner.id] });
    expect((await me.caller.files.listTrash()).items).toEqual([]);
    expect(await usedBytes(me)).toBe(0);
  });

  it("empties the trash, and only the trash", async () => {
    const me = await newFilesOwner();
    const kept = await transfer.upload(me, "kept.txt", "kept");
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Gone" });
    const inside = await transfer.upload(me, "inside.txt", "inside", { folderId: folder.id });
    const loose = await transfer.upload(me, "loose.txt", "loose");
    await me.caller.files.trash({ itemIds: [inside.id] });
    await me.caller.files.trash({ itemIds: [loose.id, folder.id] });

    expect(await me.caller.files.emptyTrash()).toEqual({ deleted: 3 });
    expect((await me.caller.files.listTrash()).items).toEqual([]);
    expect(await namesIn(me, null)).toEqual(["kept.txt"]);
    expect(await usedBytes(me)).toBe(4);
    expect(await transfer.download(me, kept.id)).toBe("kept");
    expect(await me.caller.files.emptyTrash()).toEqual({ deleted: 0 });
  });
});

describe("copy", () => {
  it("copies a folder tree with the same contents, sharing the stored chunks, and counts the copy against the quota", async () => {
    const me = await newFilesOwner();
    const source = await me.caller.files.createFolder({ parentId: null, name: "Source" });
    const sub = await me.caller.files.createFolder({ parentId: source.id, name: "Sub" });
    const a = await transfer.upload(me, "a.txt", `alpha ${crypto.randomUUID()}`, { folderId: source.id });
    const b = await transfer.upload(me, "b.txt", `beta ${crypto.randomUUID()}`, { folderId: sub.id });
    const gone = await transfer.upload(me, "trashed.txt", "not copied", { folderId: sub.id });
    await me.caller.files.trash({ itemIds: [gone.id] });
    const used = await usedBytes(me);
    const chunksBefore = await owner.chunk.count({ where: { organizationId: me.organizationId } });

    await me.caller.files.copy({ itemIds: [source.id], folderId: sub.id });
    const copy = (await me.caller.files.list({ folderId: sub.id })).items.find((i) => i.name === "Source")!;
    expect(copy.id).not.toBe(source.id);
    expect(await namesIn(me, copy.id)).toEqual(["Sub", "a.txt"]);
    const copiedSub = (await me.caller.files.list({ folderId: copy.id })).items.find((i) => i.name === "Sub")!;
    expect(await namesIn(me, copiedSub.id)).toEqual(["b.txt"]);
    const copiedA = (await me.caller.files.list({ folderId: copy.id })).items.find((i) => i.name === "a.txt")!;
    const copiedB = (await me.caller.files.list({ folderId: copiedSub.id })).items.find((i) => i.name === "b.txt")!;
    expect(await transfer.download(me, copiedA.id)).toBe(await transfer.download(me, a.id));
    expect(await transfer.download(me, copiedB.id)).toBe(await transfer.download(me, b.id));

    // No bytes stored again: new blobs over the same chunks.
    expect(await owner.chunk.count({ where: { organizationId: me.organizationId } })).toBe(chunksBefore);
    for (const [original, copied] of [
      [a, copiedA],
      [b, copiedB],
    ] as const) {
      const [from, to] = [await storedVersions(owner, me.organizationId, original.id), await storedVersions(owner, me.organizationId, copied.id)];
      expect(to.blobIds).not.toEqual(from.blobIds);
      expect(to.chunkIds).toEqual(from.chunkIds);
    }
    expect(await usedBytes(me)).toBe(used + a.size + b.size);

    // Deleting the original for good leaves the copy whole.
    await me.caller.files.trash({ itemIds: [a.id] });
    await me.caller.files.deleteForever({ itemIds: [a.id] });
    expect(await transfer.download(me, copiedA.id)).toMatch(/^alpha /);
  });

  it("copies beside the original under a free name", async () => {
    const me = await newFilesOwner();
    const file = await transfer.upload(me, "photo.jpg", "pixels");
    await me.caller.files.copy({ itemIds: [file.id], folderId: null });
    await me.caller.files.copy({ itemIds: [file.id], folderId: null });
    expect(await namesIn(me, null)).toEqual(["photo (2).jpg", "photo (3).jpg", "photo.jpg"]);
    expect(await usedBytes(me)).toBe(3 * "pixels".length);
  });
});
