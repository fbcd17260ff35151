// Folders, names, listing, rename, move and search, through tRPC as the console calls them.
import { describe, expect, it } from "vitest";
import { newColleague, newFilesOwner, useOwnerDatabase, useTransferServer, type FilesPerson } from "./testing/files-fixture";

const transfer = useTransferServer();
const owner = useOwnerDatabase();

const namesIn = async (who: FilesPerson, folderId: string | null) => (await who.caller.files.list({ folderId })).items.map((i) => i.name);

describe("folders", () => {
  it("lists nested folders with the path to them, folders before files", async () => {
    const me = await newFilesOwner();
    const projects = await me.caller.files.createFolder({ parentId: null, name: "Projects" });
    const awan = await me.caller.files.createFolder({ parentId: projects.id, name: "Awan" });
    const docs = await me.caller.files.createFolder({ parentId: awan.id, name: "Docs" });
    await transfer.upload(me, "plan.txt", "the plan", { folderId: awan.id });

    const listed = await me.caller.files.list({ folderId: awan.id });
    expect(listed.path).toEqual([
      { id: projects.id, name: "Projects" },
      { id: awan.id, name: "Awan" },
    ]);
    expect(listed.items.map((i) => [i.kind, i.name, i.parentId])).toEqual([
      ["FOLDER", "Docs", awan.id],
      ["FILE", "plan.txt", awan.id],
    ]);
    expect(listed.items[1]!.size).toBe("the plan".length);
    expect((await me.caller.files.list({ folderId: docs.id })).path.map((p) => p.name)).toEqual(["Projects", "Awan", "Docs"]);
    const top = await me.caller.files.list({ folderId: null });
    expect(top.path).toEqual([]);
    expect(top.items.map((i) => i.name)).toEqual(["Projects"]);
  });

  it("sorts by name, size and modification time in both directions, folders always first", async () => {
    const me = await newFilesOwner();
    await me.caller.files.createFolder({ parentId: null, name: "m-folder" });
    // Sizes and times in a different order from the names, so each sort shows.
    const b = await transfer.upload(me, "b.txt", "x".repeat(30));
    const c = await transfer.upload(me, "c.txt", "x".repeat(10));
    const a = await transfer.upload(me, "a.txt", "x".repeat(20));
    const times = { [b.id]: "2026-01-03", [c.id]: "2026-01-01", [a.id]: "2026-01-02" };
    for (const [id, day] of Object.entries(times)) await owner.fileItem.update({ where: { id }, data: { modifiedAt: new Date(`${day}T12:00:00Z`) } });

    const order = async (sort: "name" | "size" | "modifiedAt", direction: "asc" | "desc") =>
      (await me.caller.files.list({ folderId: null, sort, direction })).items.map((i) => i.name);
    expect(await order("name", "asc")).toEqual(["m-folder", "a.txt", "b.txt", "c.txt"]);
    expect(await order("name", "desc")).toEqual(["m-folder", "c.txt", "b.txt", "a.txt"]);
    expect(await order("size", "asc")).toEqual(["m-folder", "c.txt", "a.txt", "b.txt"]);
    expect(await order("size", "desc")).toEqual(["m-folder", "b.txt", "a.txt", "c.txt"]);
    expect(await order("modifiedAt", "asc")).toEqual(["m-folder", "c.txt", "a.txt", "b.txt"]);
    expect(await order("modifiedAt", "desc")).toEqual(["m-folder", "b.txt", "a.txt", "c.txt"]);
  });

  it("pages a large folder with nextOffset, each item once", async () => {
    const me = await newFilesOwner();
    const names = Array.from({ length: 501 }, (_, i) => `f${String(i).padStart(3, "0")}`);
    await me.caller.files.ensureFolders({ parentId: null, paths: names.map((n) => [n]) });

    const first = await me.caller.files.list({ folderId: null });
    expect(first.items).toHaveLength(500);
    expect(first.nextOffset).toBe(500);
    const second = await me.caller.files.list({ folderId: null, offset: first.nextOffset! });
    expect(second.items.map((i) => i.name)).toEqual(["f500"]);
    expect(second.nextOffset).toBeNull();
    expect([...first.items, ...second.items].map((i) => i.name)).toEqual(names);
  });

  it("refuses a name taken in the same folder, but not in another folder or once the first is in the trash", async () => {
    const me = await newFilesOwner();
    const first = await me.caller.files.createFolder({ parentId: null, name: "Reports" });
    await expect(me.caller.files.createFolder({ parentId: null, name: "Reports" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Something named “Reports” is already in this folder.",
    });
    // The same name typed on a Mac (decomposed é) is the same name.
    await me.caller.files.createFolder({ parentId: null, name: "Café" });
    await expect(me.caller.files.createFolder({ parentId: null, name: "Cafe\u0301" })).rejects.toMatchObject({ code: "CONFLICT" });

    const other = await me.caller.files.createFolder({ parentId: null, name: "Other" });
    await me.caller.files.createFolder({ parentId: other.id, name: "Reports" });
    await me.caller.files.trash({ itemIds: [first.id] });
    const again = await me.caller.files.createFolder({ parentId: null, name: "Reports" });
    expect(again.id).not.toBe(first.id);
    expect(await namesIn(me, null)).toEqual(["Café", "Other", "Reports"]);
  });

  it("refuses hostile names with a message that says why, and creates nothing", async () => {
    const me = await newFilesOwner();
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Here" });
    const cases: [string, string][] = [
      ["../../etc/passwd", "“../../etc/passwd” contains “/”, which names cannot contain."],
      ["a/b", "“a/b” contains “/”, which names cannot contain."],
      ["..", "“..” cannot be used as a name."],
      [".", "“.” cannot be used as a name."],
      ["line\nbreak", "Names cannot contain control characters such as line breaks or tabs."],
      ["nul\u0000byte", "Names cannot contain control characters such as line breaks or tabs."],
      ["n".repeat(256), "Names can be at most 255 bytes long; this one is 256."],
      ["é".repeat(128), "Names can be at most 255 bytes long; this one is 256."],
      ["   ", "Enter a name."],
    ];
    for (const [name, message] of cases) {
      await expect(me.caller.files.createFolder({ parentId: folder.id, name }), JSON.stringify(name)).rejects.toMatchObject({ code: "BAD_REQUEST", message });
      await expect(me.caller.files.ensureFolders({ parentId: folder.id, paths: [["ok"], ["ok", name]] })).rejects.toMatchObject({ code: "BAD_REQUEST", message });
      await expect(me.caller.files.rename({ itemId: folder.id, name })).rejects.toMatchObject({ code: "BAD_REQUEST", message });
    }
    expect(await namesIn(me, folder.id)).toEqual([]);
    expect(await namesIn(me, null)).toEqual(["Here"]);
    // 255 bytes is allowed.
    await me.caller.files.createFolder({ parentId: folder.id, name: "n".repeat(255) });
  });

  it("ensureFolders makes what is missing, reuses what is there, and refuses where a file has the name", async () => {
    const me = await newFilesOwner();
    const photos = await me.caller.files.createFolder({ parentId: null, name: "Photos" });
    const ids = await me.caller.files.ensureFolders({ parentId: null, paths: [["Photos", "2026", "May"], ["Photos", "2025"], ["Photos"]] });
    expect(ids["Photos"]).toBe(photos.id);
    expect(await namesIn(me, photos.id)).toEqual(["2025", "2026"]);
    expect((await me.caller.files.list({ folderId: ids["Photos/2026/May"]! })).path.map((p) => p.name)).toEqual(["Photos", "2026", "May"]);
    const again = await me.caller.files.ensureFolders({ parentId: null, paths: [["Photos", "2026", "May"]] });
    expect(again["Photos/2026/May"]).toBe(ids["Photos/2026/May"]);

    await transfer.upload(me, "notes", "a file, not a folder", { folderId: photos.id });
    await expect(me.caller.files.ensureFolders({ parentId: null, paths: [["Photos", "new"], ["Photos", "notes", "inside"]] })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "“Photos/notes” is a file, so a folder of that name cannot be made there.",
    });
    expect(await namesIn(me, photos.id)).toEqual(["2025", "2026", "notes"]); // "new" was not kept either
  });
});

describe("rename and move", () => {
  it("renames, and refuses a name a sibling has", async () => {
    const me = await newFilesOwner();
    const draft = await transfer.upload(me, "draft.txt", "text");
    await me.caller.files.createFolder({ parentId: null, name: "final.txt" });
    const renamed = await me.caller.files.rename({ itemId: draft.id, name: "letter.txt" });
    expect(renamed).toMatchObject({ id: draft.id, name: "letter.txt" });
    await expect(me.caller.files.rename({ itemId: draft.id, name: "final.txt" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await namesIn(me, null)).toEqual(["final.txt", "letter.txt"]);
    expect(await transfer.download(me, draft.id)).toBe("text");
  });

  it("moves items between folders, and refuses a folder into itself or below itself, changing nothing", async () => {
    const me = await newFilesOwner();
    const a = await me.caller.files.createFolder({ parentId: null, name: "A" });
    const b = await me.caller.files.createFolder({ parentId: a.id, name: "B" });
    const c = await me.caller.files.createFolder({ parentId: b.id, name: "C" });
    const file = await transfer.upload(me, "file.txt", "moved");

    await me.caller.files.move({ itemIds: [file.id], folderId: b.id });
    expect(await namesIn(me, b.id)).toEqual(["C", "file.txt"]);

    for (const target of [a.id, b.id, c.id]) {
      // The file listed first would move; the refusal of A undoes it.
      await expect(me.caller.files.move({ itemIds: [file.id, a.id], folderId: target })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "“A” cannot be moved into itself.",
      });
    }
    expect(await namesIn(me, null)).toEqual(["A"]);
    expect(await namesIn(me, b.id)).toEqual(["C", "file.txt"]);

    await me.caller.files.move({ itemIds: [c.id, file.id], folderId: null });
    expect(await namesIn(me, null)).toEqual(["A", "C", "file.txt"]);
    expect(await transfer.download(me, file.id)).toBe("moved");
  });

  it("refuses a move onto a taken name and changes nothing", async () => {
    const me = await newFilesOwner();
    const inbox = await me.caller.files.createFolder({ parentId: null, name: "inbox" });
    const one = await me.caller.files.createFolder({ parentId: null, name: "one" });
    const clash = await me.caller.files.createFolder({ parentId: null, name: "clash" });
    await me.caller.files.createFolder({ parentId: inbox.id, name: "clash" });
    await expect(me.caller.files.move({ itemIds: [one.id, clash.id], folderId: inbox.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Something named “clash” is already in this folder.",
    });
    expect(await namesIn(me, null)).toEqual(["clash", "inbox", "one"]);
    expect(await namesIn(me, inbox.id)).toEqual(["clash"]);
  });
});

describe("search", () => {
  it("finds live items by part of the name, in any case, with their folder, and nothing of anyone else's", async () => {
    const me = await newFilesOwner();
    const work = await me.caller.files.createFolder({ parentId: null, name: "Work" });
    const old = await me.caller.files.createFolder({ parentId: null, name: "Old" });
    await transfer.upload(me, "Budget 2026.txt", "1", { folderId: work.id });
    await transfer.upload(me, "budget-old.txt", "2", { folderId: old.id });
    const trashed = await transfer.upload(me, "BUDGET trashed.txt", "3");
    await me.caller.files.createFolder({ parentId: null, name: "Budgets" });
    await me.caller.files.trash({ itemIds: [old.id, trashed.id] });
    const colleague = await newColleague(me);
    await transfer.upload(colleague, "budget of a colleague.txt", "4");

    const found = (await me.caller.files.search({ query: "  bUdGeT " })).items;
    expect(found.map((f) => f.name).sort()).toEqual(["Budget 2026.txt", "Budgets"]);
    expect(found.find((f) => f.name === "Budget 2026.txt")!.folderPath).toEqual([{ id: work.id, name: "Work" }]);
    expect((await colleague.caller.files.search({ query: "budget" })).items.map((f) => f.name)).toEqual(["budget of a colleague.txt"]);

    await me.caller.files.restore({ itemId: old.id });
    expect((await me.caller.files.search({ query: "budget" })).items.map((f) => f.name).sort()).toEqual(["Budget 2026.txt", "Budgets", "budget-old.txt"]);
  });

  it("matches %, _ and \\ as themselves", async () => {
    const me = await newFilesOwner();
    for (const name of ["100% done", "a_b", "aXb", "back\\slash", "plain"]) await me.caller.files.createFolder({ parentId: null, name });
    expect((await me.caller.files.search({ query: "%" })).items.map((f) => f.name)).toEqual(["100% done"]);
    expect((await me.caller.files.search({ query: "a_b" })).items.map((f) => f.name)).toEqual(["a_b"]);
    expect((await me.caller.files.search({ query: "\\" })).items.map((f) => f.name)).toEqual(["back\\slash"]);
  });

  it("asks for something to search for", async () => {
    const me = await newFilesOwner();
    await expect(me.caller.files.search({ query: "   " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Type part of a name to search for."),
    });
  });
});
