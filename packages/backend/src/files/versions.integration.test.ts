// A file's versions: kept on replace, listed, restored.
import { describe, expect, it } from "vitest";
import { newColleague, newFilesOwner, useTransferServer } from "./testing/files-fixture";

const transfer = useTransferServer();

describe("versions", () => {
  it("keeps the old version when an upload replaces a file, and lists them newest first with who made them", async () => {
    const me = await newFilesOwner();
    const colleague = await newColleague(me);
    const file = await transfer.upload(me, "plan.txt", "first draft");
    await transfer.upload(me, "plan.txt", "second", { onConflict: "REPLACE" });
    await transfer.upload(me, "plan.txt", "third!", { onConflict: "REPLACE" });

    const { items } = await me.caller.files.list({ folderId: null });
    expect(items.map((i) => [i.id, i.name, i.size])).toEqual([[file.id, "plan.txt", 6]]);
    const versions = await me.caller.files.versions({ fileId: file.id });
    expect(versions.map((v) => [v.size, v.current, v.createdBy])).toEqual([
      [6, true, me.name],
      [6, false, me.name],
      [11, false, me.name],
    ]);
    expect(versions[0]!.createdAt.getTime()).toBeGreaterThan(versions[2]!.createdAt.getTime());
    expect(await Promise.all(versions.map((v) => transfer.download(me, file.id, v.id)))).toEqual(["third!", "second", "first draft"]);
    expect((await me.caller.files.usage()).drive.usedBytes).toBe(6 + 6 + 11); // every version counts

    // Versions are the owner's alone.
    await expect(colleague.caller.files.versions({ fileId: file.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("restores an older version as a new current version, keeping the one it replaces", async () => {
    const me = await newFilesOwner();
    const file = await transfer.upload(me, "essay.txt", "good start");
    await transfer.upload(me, "essay.txt", "bad edit", { onConflict: "REPLACE" });
    const [bad, good] = await me.caller.files.versions({ fileId: file.id });

    await me.caller.files.restoreVersion({ fileId: file.id, versionId: good!.id });
    expect(await transfer.download(me, file.id)).toBe("good start");
    const after = await me.caller.files.versions({ fileId: file.id });
    expect(after).toHaveLength(3);
    expect(after[0]).toMatchObject({ size: "good start".length, current: true, createdBy: me.name });
    expect(after.slice(1).map((v) => v.id)).toEqual([bad!.id, good!.id]);
    expect(await transfer.download(me, file.id, bad!.id)).toBe("bad edit");
    expect((await me.caller.files.list({ folderId: null })).items[0]!.size).toBe("good start".length);
    expect((await me.caller.files.usage()).drive.usedBytes).toBe(2 * "good start".length + "bad edit".length);

    // Restoring the current version changes nothing.
    await me.caller.files.restoreVersion({ fileId: file.id, versionId: after[0]!.id });
    expect(await me.caller.files.versions({ fileId: file.id })).toEqual(after);
  });

  it("refuses a version of another file, and versions of a folder", async () => {
    const me = await newFilesOwner();
    const one = await transfer.upload(me, "one.txt", "one");
    const two = await transfer.upload(me, "two.txt", "two");
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Folder" });
    const [twoVersion] = await me.caller.files.versions({ fileId: two.id });

    await expect(me.caller.files.restoreVersion({ fileId: one.id, versionId: twoVersion!.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "This version does not exist any more.",
    });
    await expect(me.caller.files.versions({ fileId: folder.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: "This file does not exist, or you cannot see it." });
    expect(await transfer.download(me, one.id)).toBe("one");
    expect(await me.caller.files.versions({ fileId: one.id })).toHaveLength(1);
  });
});
