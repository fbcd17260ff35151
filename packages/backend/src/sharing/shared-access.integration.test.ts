// What a share lets its recipient do with files, checked through the files
// procedures and the transfer routes themselves (file-scope.ts enforces it).
import { describe, expect, it } from "vitest";
import { itemNamed, newColleague, newFilesOwner, useOwnerDatabase, useTransferServer, type FilesPerson } from "../files/testing/files-fixture";
import { useTransferAs } from "./testing/transfer-as";

const transfer = useTransferServer();
const as = useTransferAs();
const owner = useOwnerDatabase();

async function sharedFolder(role: "VIEWER" | "EDITOR" | "UPLOADER") {
  const boss = await newFilesOwner("shared");
  const person = await newColleague(boss);
  const folder = await boss.caller.files.createFolder({ parentId: null, name: "Shared" });
  const sub = await boss.caller.files.createFolder({ parentId: folder.id, name: "Sub" });
  const file = await transfer.upload(boss, "report.txt", "first", { folderId: folder.id });
  await transfer.upload(boss, "report.txt", "second", { folderId: folder.id, onConflict: "REPLACE" });
  const [, older] = await boss.caller.files.versions({ fileId: file.id });
  await boss.caller.sharing.share({ itemId: folder.id, recipients: [{ type: "user", id: person.userId }], role });
  return { boss, person, folder, sub, file, olderVersionId: older!.id };
}

/** Everything of the owner's drive that a procedure could change. */
async function driveOf(who: FilesPerson) {
  const drive = await owner.drive.findFirstOrThrow({ where: { ownerUserId: who.userId, organizationId: who.organizationId } });
  return {
    drive,
    items: await owner.fileItem.findMany({ where: { driveId: drive.id }, orderBy: { id: "asc" } }),
    versions: await owner.fileVersion.findMany({ where: { file: { driveId: drive.id } }, orderBy: { id: "asc" } }),
  };
}

describe("an editor", () => {
  it("uploads, adds versions, renames, moves within the shared tree and trashes, and the owner sees it", async () => {
    const { boss, person, folder, sub, file } = await sharedFolder("EDITOR");
    expect((await person.caller.files.list({ folderId: folder.id })).access).toEqual({ own: false, view: true, edit: true, upload: true });
    await as.upload(person, "report.txt", "third, by the editor", { folderId: folder.id, onConflict: "REPLACE" });
    await as.upload(person, "new.txt", "added", { folderId: folder.id });
    await person.caller.files.rename({ itemId: file.id, name: "final report.txt" });
    const added = await itemNamed(boss, "new.txt", folder.id);
    await person.caller.files.move({ itemIds: [added.id], folderId: sub.id });
    const made = await person.caller.files.createFolder({ parentId: sub.id, name: "Made by editor" });
    await person.caller.files.trash({ itemIds: [made.id] });

    expect((await boss.caller.files.list({ folderId: folder.id })).items.map((i) => i.name)).toEqual(["Sub", "final report.txt"]);
    expect((await boss.caller.files.list({ folderId: sub.id })).items.map((i) => i.name)).toEqual(["new.txt"]);
    expect(await transfer.download(boss, file.id)).toBe("third, by the editor");
    expect((await boss.caller.files.versions({ fileId: file.id })).length).toBe(3);
    // What the editor trashed is in the owner's trash, not theirs.
    expect((await boss.caller.files.listTrash()).items.map((i) => i.name)).toEqual(["Made by editor"]);
    expect((await person.caller.files.listTrash()).items).toEqual([]);
    // Breadcrumbs start at the shared folder.
    expect((await person.caller.files.list({ folderId: sub.id })).path.map((p) => p.name)).toEqual(["Shared", "Sub"]);
  });

  it("cannot move out of the shared tree into their own files or elsewhere in the owner's, but can copy", async () => {
    const { boss, person, folder, file } = await sharedFolder("EDITOR");
    const mine = await person.caller.files.createFolder({ parentId: null, name: "Mine" });
    const private_ = await boss.caller.files.createFolder({ parentId: null, name: "Private" });
    const before = await driveOf(boss);
    await expect(person.caller.files.move({ itemIds: [file.id], folderId: null })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "“report.txt” belongs to someone else's files: copy it instead of moving it.",
    });
    await expect(person.caller.files.move({ itemIds: [file.id], folderId: mine.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(person.caller.files.move({ itemIds: [file.id], folderId: private_.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Nor the other way: their own things into someone else's drive.
    await expect(person.caller.files.move({ itemIds: [mine.id], folderId: folder.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await driveOf(boss)).toEqual(before);
    await person.caller.files.copy({ itemIds: [file.id], folderId: mine.id });
    expect(await transfer.download(person, (await itemNamed(person, "report.txt", mine.id)).id)).toBe("second");
  });
});

describe("a viewer", () => {
  it("lists and downloads, but changes nothing, whatever they send", async () => {
    const { boss, person, folder, sub, file, olderVersionId } = await sharedFolder("VIEWER");
    const listed = await person.caller.files.list({ folderId: folder.id });
    expect(listed.access).toEqual({ own: false, view: true, edit: false, upload: false });
    expect(listed.items.map((i) => i.name)).toEqual(["Sub", "report.txt"]);
    expect((await as.get(person, `/items/${file.id}/content`)).text).toBe("second");
    expect((await as.get(person, `/zip?ids=${folder.id}`)).status).toBe(200);
    expect(await person.caller.files.versions({ fileId: file.id })).toHaveLength(2);

    const before = await driveOf(boss);
    const refusals = [
      () => person.caller.files.rename({ itemId: file.id, name: "mine.txt" }),
      () => person.caller.files.move({ itemIds: [file.id], folderId: sub.id }),
      () => person.caller.files.trash({ itemIds: [file.id] }),
      () => person.caller.files.createFolder({ parentId: folder.id, name: "x" }),
      () => person.caller.files.ensureFolders({ parentId: folder.id, paths: [["x"]] }),
      () => person.caller.files.copy({ itemIds: [file.id], folderId: sub.id }),
      () => person.caller.files.restoreVersion({ fileId: file.id, versionId: olderVersionId }),
    ];
    for (const call of refusals) await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as.upload(person, "planted.txt", "no", { folderId: folder.id })).rejects.toThrow(/403/);
    expect(await as.startUpload(person, "planted.txt", folder.id)).toBe(403);
    expect(await driveOf(boss)).toEqual(before);
  });
});

describe("an uploader", () => {
  it("adds files (keeping both on a clash) without seeing or overwriting what is there", async () => {
    const { boss, person, folder, file } = await sharedFolder("UPLOADER");
    await expect(person.caller.files.list({ folderId: folder.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await as.get(person, `/items/${file.id}/content`)).status).toBe(403);
    expect((await as.get(person, `/zip?ids=${folder.id}`)).status).toBe(403);
    await as.upload(person, "drop.txt", "dropped", { folderId: folder.id, onConflict: "KEEP_BOTH" });
    // Asking to replace is answered by keeping both: the existing file is untouched.
    await as.upload(person, "report.txt", "overwrite?", { folderId: folder.id, onConflict: "REPLACE" });
    const names = (await boss.caller.files.list({ folderId: folder.id })).items.map((i) => i.name);
    expect(names).toEqual(["Sub", "drop.txt", "report (2).txt", "report.txt"]);
    expect(await transfer.download(boss, file.id)).toBe("second");
    await expect(person.caller.files.rename({ itemId: file.id, name: "x.txt" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("uploads a folder into new folders of its own, never into one that is there", async () => {
    const { boss, person, folder, sub } = await sharedFolder("UPLOADER");
    const ids = await person.caller.files.ensureFolders({ parentId: folder.id, paths: [["Sub"], ["Sub", "deep"]] });
    expect(ids["Sub"]).not.toBe(sub.id);
    await as.upload(person, "inside.txt", "mine", { folderId: ids["Sub/deep"]!, onConflict: "KEEP_BOTH" });
    expect((await boss.caller.files.list({ folderId: folder.id })).items.map((i) => i.name)).toEqual(["Sub", "Sub (2)", "report.txt"]);
    expect((await boss.caller.files.list({ folderId: sub.id })).items).toEqual([]);
    // A new folder by hand is refused nothing either: it gets a free name.
    expect(await person.caller.files.createFolder({ parentId: folder.id, name: "Sub" })).toMatchObject({ name: "Sub (3)" });
  });
});

describe("changes of access", () => {
  it("take effect at once: a revoked share, and a person who leaves a group", async () => {
    const boss = await newFilesOwner("revoke");
    const person = await newColleague(boss);
    const folder = await boss.caller.files.createFolder({ parentId: null, name: "Team" });
    const file = await transfer.upload(boss, "notes.txt", "notes", { folderId: folder.id });
    const group = await boss.caller.groups.create({ name: "Team" });
    await boss.caller.groups.addMembers({ groupId: group.id, userIds: [person.userId] });

    await boss.caller.sharing.share({ itemId: folder.id, recipients: [{ type: "user", id: person.userId }], role: "EDITOR" });
    expect((await as.get(person, `/items/${file.id}/content`)).text).toBe("notes");
    const [share] = (await boss.caller.sharing.listForItem({ itemId: folder.id })).entries;
    await boss.caller.sharing.revoke({ shareId: share!.shareId });
    await expect(person.caller.files.list({ folderId: folder.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await as.get(person, `/items/${file.id}/content`)).status).toBe(404);
    await expect(person.caller.files.rename({ itemId: file.id, name: "x.txt" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await boss.caller.sharing.share({ itemId: folder.id, recipients: [{ type: "group", id: group.id }], role: "EDITOR" });
    await person.caller.files.rename({ itemId: file.id, name: "renamed through the group.txt" });
    expect((await as.get(person, `/items/${file.id}/content`)).status).toBe(200);
    await boss.caller.groups.removeMember({ groupId: group.id, userId: person.userId });
    await expect(person.caller.files.list({ folderId: folder.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await as.get(person, `/items/${file.id}/content`)).status).toBe(404);
    expect(await as.startUpload(person, "late.txt", folder.id)).toBe(404);
  });
});
