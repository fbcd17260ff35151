// Who may do what with files inside one organization, and the activity log that records it.
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../trpc/root";
import { newColleague, newFilesOwner, useOwnerDatabase, useTransferServer, type FilesPerson } from "./testing/files-fixture";

const transfer = useTransferServer();
const owner = useOwnerDatabase();

type Ids = { folderId: string; fileId: string; versionId: string; trashedId: string };
type Caller = FilesPerson["caller"];

/** Every files procedure, called on the items of `ids`. */
const CALLS: Record<string, (caller: Caller, ids: Ids) => Promise<unknown>> = {
  "files.list": (c, ids) => c.files.list({ folderId: ids.folderId }),
  "files.search": (c) => c.files.search({ query: "secret" }),
  "files.usage": (c) => c.files.usage(),
  "files.createFolder": (c, ids) => c.files.createFolder({ parentId: ids.folderId, name: "intruder" }),
  "files.ensureFolders": (c, ids) => c.files.ensureFolders({ parentId: ids.folderId, paths: [["intruder"]] }),
  "files.rename": (c, ids) => c.files.rename({ itemId: ids.fileId, name: "taken.txt" }),
  "files.move": (c, ids) => c.files.move({ itemIds: [ids.fileId], folderId: null }),
  "files.copy": (c, ids) => c.files.copy({ itemIds: [ids.fileId], folderId: null }),
  "files.trash": (c, ids) => c.files.trash({ itemIds: [ids.fileId] }),
  "files.listTrash": (c) => c.files.listTrash(),
  "files.restore": (c, ids) => c.files.restore({ itemId: ids.trashedId }),
  "files.deleteForever": (c, ids) => c.files.deleteForever({ itemIds: [ids.trashedId] }),
  "files.emptyTrash": (c) => c.files.emptyTrash(),
  "files.versions": (c, ids) => c.files.versions({ fileId: ids.fileId }),
  "files.restoreVersion": (c, ids) => c.files.restoreVersion({ fileId: ids.fileId, versionId: ids.versionId }),
};
/** These take no id of anyone's: they act on the caller's own drive. */
const OWN_DRIVE_ONLY = new Set(["files.search", "files.usage", "files.listTrash", "files.emptyTrash"]);

let me: FilesPerson;
let ids: Ids;

/** Everything of my drive that a procedure could change. */
async function snapshotOfMine() {
  const drive = await owner.drive.findFirstOrThrow({ where: { ownerUserId: me.userId, organizationId: me.organizationId } });
  return {
    drive,
    items: await owner.fileItem.findMany({ where: { driveId: drive.id }, orderBy: { id: "asc" } }),
    versions: await owner.fileVersion.findMany({ where: { file: { driveId: drive.id } }, orderBy: { id: "asc" } }),
  };
}

beforeAll(async () => {
  me = await newFilesOwner();
  const folder = await me.caller.files.createFolder({ parentId: null, name: "secret folder" });
  const file = await transfer.upload(me, "secret.txt", "mine alone", { folderId: folder.id });
  await transfer.upload(me, "secret.txt", "mine alone, v2", { folderId: folder.id, onConflict: "REPLACE" });
  const trashed = await transfer.upload(me, "secret trashed.txt", "gone");
  await me.caller.files.trash({ itemIds: [trashed.id] });
  const [, older] = await me.caller.files.versions({ fileId: file.id });
  ids = { folderId: folder.id, fileId: file.id, versionId: older!.id, trashedId: trashed.id };
});

describe("files inside an organization", () => {
  it("has a call for every files procedure", () => {
    const procedures = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith("files."));
    expect(Object.keys(CALLS).sort()).toEqual(procedures.sort());
  });

  for (const role of ["MEMBER", "ADMIN"] as const) {
    it(`gives another person (${role}) NOT_FOUND for my items, and shows them nothing of mine`, async () => {
      const colleague = await newColleague(me, role);
      const theirs = await colleague.caller.files.createFolder({ parentId: null, name: "their folder" });
      const before = await snapshotOfMine();
      for (const [path, call] of Object.entries(CALLS)) {
        if (OWN_DRIVE_ONLY.has(path)) {
          const shown = JSON.stringify(await call(colleague.caller, ids));
          for (const id of Object.values(ids)) expect(shown, path).not.toContain(id);
        } else {
          await expect(call(colleague.caller, ids), path).rejects.toMatchObject({ code: "NOT_FOUND" });
        }
      }
      // Nor can they put their things into my folder.
      await expect(colleague.caller.files.move({ itemIds: [theirs.id], folderId: ids.folderId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(colleague.caller.files.copy({ itemIds: [theirs.id], folderId: ids.folderId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await snapshotOfMine()).toEqual(before);
      expect((await me.caller.files.listTrash()).items).toHaveLength(1);
    });
  }

  it("refuses a guest every files procedure on what was not shared with them, and a drive of their own", async () => {
    const guest = await newColleague(me, "GUEST");
    const before = await snapshotOfMine();
    for (const [path, call] of Object.entries(CALLS)) {
      await expect(call(guest.caller, ids), path).rejects.toMatchObject({ code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/) });
    }
    await expect(guest.caller.files.list({ folderId: null, sort: "name", direction: "asc", offset: 0 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshotOfMine()).toEqual(before);
    expect(await owner.drive.count({ where: { ownerUserId: guest.userId } })).toBe(0);
  });
});

describe("activity", () => {
  it("lists what people did, newest first, with their names, to administrators", async () => {
    const boss = await newFilesOwner("activity");
    const admin = await newColleague(boss, "ADMIN");
    const member = await newColleague(boss, "MEMBER");
    const folder = await boss.caller.files.createFolder({ parentId: null, name: "Reports" });
    const file = await transfer.upload(member, "q1.txt", "numbers");
    await member.caller.files.rename({ itemId: file.id, name: "Q1 report.txt" });
    await member.caller.files.trash({ itemIds: [file.id] });
    await admin.caller.files.rename({ itemId: (await admin.caller.files.createFolder({ parentId: null, name: "x" })).id, name: "Mine" });
    await boss.caller.files.trash({ itemIds: [folder.id] });

    const { entries } = await admin.caller.activity.list({});
    expect(entries.map((e) => [e.actor, e.action, e.summary])).toEqual([
      [boss.name, "folder.trash", "Moved “Reports” to the trash"],
      [admin.name, "folder.rename", "Renamed “x” to “Mine”"],
      [admin.name, "folder.create", "Created the folder “x”"],
      [member.name, "file.trash", "Moved “Q1 report.txt” to the trash"],
      [member.name, "file.rename", "Renamed “q1.txt” to “Q1 report.txt”"],
      [member.name, "file.upload", "Uploaded “q1.txt”"],
      [boss.name, "folder.create", "Created the folder “Reports”"],
    ]);
    const times = entries.map((e) => e.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await boss.caller.activity.list({})).toEqual({ entries, hasMore: false });

    await expect(member.caller.activity.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Another organization's log shows none of it.
    const stranger = await newFilesOwner("stranger");
    expect((await stranger.caller.activity.list({})).entries).toEqual([]);
  });
});
