// Workspaces inside one organization: who sees which, who manages them, and
// what their channels and shared folders show to members, guests and others.
import { beforeAll, describe, expect, it } from "vitest";
import { newColleague, newFilesOwner, useOwnerDatabase, useTransferServer, type FilesPerson } from "../files/testing/files-fixture";

const transfer = useTransferServer();
const owner = useOwnerDatabase();

type Team = { ann: FilesPerson; bob: FilesPerson; carol: FilesPerson; gina: FilesPerson };

/** Ann owns the organization; Bob and Carol are members; Gina is a guest. */
async function newTeam(): Promise<Team> {
  const ann = await newFilesOwner("ws-owner");
  return { ann, bob: await newColleague(ann, "MEMBER"), carol: await newColleague(ann, "MEMBER"), gina: await newColleague(ann, "GUEST") };
}

const namesOf = (list: { name: string }[]) => list.map((w) => w.name);
const channelNames = async (who: FilesPerson) => (await who.caller.chat.channels()).filter((c) => c.kind === "CHANNEL").map((c) => `${c.workspace.name}/${c.name}`);

let team: Team;
beforeAll(async () => {
  team = await newTeam();
});

describe("workspaces", () => {
  it("are created, renamed and deleted by their administrators; the default one stays", async () => {
    const { bob, carol } = team;
    const design = await bob.caller.workspaces.create({ name: "Design" });
    const listed = await bob.caller.workspaces.list();
    expect(listed[0]).toMatchObject({ isDefault: true });
    expect(listed.find((w) => w.id === design.id)).toMatchObject({ name: "Design", myRole: "ADMIN", memberCount: 1, canManage: true, canLeave: true });
    // Carol (a member, not in it) sees it, may join, may not manage it.
    expect((await carol.caller.workspaces.list()).find((w) => w.id === design.id)).toMatchObject({ myRole: null, canJoin: true, canManage: false });
    await expect(carol.caller.workspaces.update({ workspaceId: design.id, name: "Mine now" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await expect(bob.caller.workspaces.create({ name: "Design" })).rejects.toMatchObject({ code: "CONFLICT" });
    await bob.caller.workspaces.update({ workspaceId: design.id, name: "Product design" });
    expect(namesOf(await carol.caller.workspaces.list())).toContain("Product design");
    const folder = await bob.caller.workspaces.folder({ workspaceId: design.id });
    expect(folder.name).toBe("Product design");
    const top = await bob.caller.files.list({ folderId: folder.folderId });
    expect(top.path.map((p) => p.name)).toEqual(["Product design"]);

    const general = listed[0]!;
    await expect(bob.caller.workspaces.delete({ workspaceId: general.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const channel = await bob.caller.chat.createChannel({ name: "critique", isPrivate: false, workspaceId: design.id });
    await bob.caller.chat.post({ channelId: channel.id, body: "First round" });
    await bob.caller.workspaces.delete({ workspaceId: design.id });
    expect((await bob.caller.workspaces.list()).map((w) => w.id)).not.toContain(design.id);
    expect(await owner.channel.count({ where: { workspaceId: design.id } })).toBe(0);
    expect(await owner.drive.count({ where: { ownerWorkspaceId: design.id } })).toBe(0);
  });

  it("keep a workspace with files until its folder is empty", async () => {
    const { bob } = team;
    const archive = await bob.caller.workspaces.create({ name: "Archive" });
    const folder = await bob.caller.workspaces.folder({ workspaceId: archive.id });
    await transfer.upload(bob, "keep.txt", "kept", { folderId: folder.folderId });
    await expect(bob.caller.workspaces.delete({ workspaceId: archive.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("1 item") });
    expect(await owner.workspace.count({ where: { id: archive.id } })).toBe(1);
  });

  it("give members roles; the last administrator cannot leave or step down", async () => {
    const { ann, bob, carol, gina } = team;
    const ops = await bob.caller.workspaces.create({ name: "Ops" });
    await bob.caller.workspaces.addMembers({ workspaceId: ops.id, userIds: [carol.userId] });
    expect((await bob.caller.workspaces.members({ workspaceId: ops.id })).map((m) => [m.id, m.role])).toEqual([
      [bob.userId, "ADMIN"],
      [carol.userId, "MEMBER"],
    ]);
    // Carol is told, and may not manage.
    expect((await carol.caller.notifications.list({})).notifications.map((n) => n.title)).toContain(`${(await bob.caller.auth.viewer()).user.name} added you to the workspace Ops`);
    await expect(carol.caller.workspaces.addMembers({ workspaceId: ops.id, userIds: [ann.userId] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(carol.caller.workspaces.removeMember({ workspaceId: ops.id, userId: bob.userId })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Bob alone administers it.
    await expect(bob.caller.workspaces.leave({ workspaceId: ops.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(bob.caller.workspaces.changeRole({ workspaceId: ops.id, userId: bob.userId, role: "MEMBER" })).rejects.toMatchObject({ code: "CONFLICT" });
    // A guest of the organization is only ever a guest of a workspace.
    await expect(bob.caller.workspaces.addMembers({ workspaceId: ops.id, userIds: [gina.userId], role: "MEMBER" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await owner.workspaceMember.count({ where: { workspaceId: ops.id } })).toBe(2);

    await bob.caller.workspaces.changeRole({ workspaceId: ops.id, userId: carol.userId, role: "ADMIN" });
    await bob.caller.workspaces.leave({ workspaceId: ops.id });
    expect((await carol.caller.workspaces.members({ workspaceId: ops.id })).map((m) => [m.id, m.role])).toEqual([[carol.userId, "ADMIN"]]);
    // Bob may join again: it is open.
    await bob.caller.workspaces.join({ workspaceId: ops.id });
    expect((await carol.caller.workspaces.members({ workspaceId: ops.id })).find((m) => m.id === bob.userId)?.role).toBe("MEMBER");
    // Nobody leaves the default workspace.
    const general = (await bob.caller.workspaces.list()).find((w) => w.isDefault)!;
    await expect(bob.caller.workspaces.leave({ workspaceId: general.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("show a guest only the workspaces and channels they were invited to", async () => {
    const { bob, carol, gina } = team;
    const field = await bob.caller.workspaces.create({ name: "Field" });
    await bob.caller.workspaces.create({ name: "Elsewhere" });
    const open = await bob.caller.chat.createChannel({ name: "field-all", isPrivate: false, workspaceId: field.id });
    const invited = await bob.caller.chat.createChannel({ name: "field-guests", isPrivate: false, workspaceId: field.id });
    // Not in the workspace yet: the guest cannot be put in its channels.
    await expect(bob.caller.chat.addMembers({ channelId: invited.id, userIds: [gina.userId] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await bob.caller.workspaces.addMembers({ workspaceId: field.id, userIds: [gina.userId], role: "GUEST" });
    await bob.caller.chat.addMembers({ channelId: invited.id, userIds: [gina.userId] });
    await bob.caller.chat.post({ channelId: open.id, body: "members only" });

    expect(namesOf(await gina.caller.workspaces.list())).toEqual(["Field"]);
    expect(await channelNames(gina)).toEqual(["Field/field-guests"]);
    await expect(gina.caller.chat.messages({ channelId: open.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(gina.caller.workspaces.join({ workspaceId: (await carol.caller.workspaces.list()).find((w) => w.name === "Elsewhere")!.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(gina.caller.workspaces.create({ name: "Guest's own" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(gina.caller.chat.createChannel({ name: "guest-made", isPrivate: false, workspaceId: field.id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // A public channel of a workspace shows to its members only: Carol joins to see it.
    expect(await channelNames(carol)).not.toContain("Field/field-all");
    await expect(carol.caller.chat.messages({ channelId: open.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await carol.caller.workspaces.join({ workspaceId: field.id });
    expect(await channelNames(carol)).toEqual(expect.arrayContaining(["Field/field-all", "Field/field-guests"]));
    // Removed from the workspace, out of its channels too.
    await bob.caller.workspaces.removeMember({ workspaceId: field.id, userId: gina.userId });
    expect(await channelNames(gina)).toEqual([]);
    expect(await owner.channelMember.count({ where: { userId: gina.userId } })).toBe(0);
  });

  it("keep a private workspace's channels and files from everyone outside it", async () => {
    const { ann, bob, carol } = team;
    const board = await bob.caller.workspaces.create({ name: "Board", isPrivate: true });
    const channel = await bob.caller.chat.createChannel({ name: "board-room", isPrivate: false, workspaceId: board.id });
    await bob.caller.chat.post({ channelId: channel.id, body: "confidential" });
    const folder = await bob.caller.workspaces.folder({ workspaceId: board.id });
    const file = await transfer.upload(bob, "minutes.txt", "board minutes", { folderId: folder.folderId });

    expect(namesOf(await carol.caller.workspaces.list())).not.toContain("Board");
    await expect(carol.caller.workspaces.members({ workspaceId: board.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(carol.caller.workspaces.join({ workspaceId: board.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(carol.caller.workspaces.folder({ workspaceId: board.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(carol.caller.chat.messages({ channelId: channel.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(carol.caller.files.list({ folderId: folder.folderId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(transfer.download(carol, file.id)).rejects.toThrow(/404/);
    await expect(carol.caller.files.createFolder({ parentId: folder.folderId, name: "planted" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The organization's owner sees it to manage it, but reads its folder and channels only as a member.
    expect((await ann.caller.workspaces.list()).find((w) => w.id === board.id)).toMatchObject({ myRole: null, canManage: true });
    await expect(ann.caller.files.list({ folderId: folder.folderId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await owner.fileItem.count({ where: { parentId: folder.folderId } })).toBe(1);
  });

  it("share a folder its members read and write and its guests read", async () => {
    const { bob, carol, gina } = team;
    const studio = await bob.caller.workspaces.create({ name: "Studio" });
    await bob.caller.workspaces.addMembers({ workspaceId: studio.id, userIds: [carol.userId] });
    await bob.caller.workspaces.addMembers({ workspaceId: studio.id, userIds: [gina.userId], role: "GUEST" });
    const folders = await carol.caller.workspaces.folders();
    const studioFolder = folders.find((f) => f.workspaceId === studio.id)!;
    expect(studioFolder).toMatchObject({ name: "Studio", canWrite: true });
    expect(folders[0]!.name).not.toBe("Studio"); // the default workspace's folder first

    const before = await bob.caller.files.usage();
    const uploaded = await transfer.upload(bob, "brief.txt", "the brief", { folderId: studioFolder.folderId });
    expect((await bob.caller.files.usage()).organization.usedBytes).toBe(before.organization.usedBytes + "the brief".length);
    expect((await carol.caller.files.list({ folderId: studioFolder.folderId })).items.map((i) => i.name)).toEqual(["brief.txt"]);
    expect(await transfer.download(carol, uploaded.id)).toBe("the brief");
    const sub = await carol.caller.files.createFolder({ parentId: studioFolder.folderId, name: "Drafts" });
    await carol.caller.files.move({ itemIds: [uploaded.id], folderId: sub.id });
    expect((await bob.caller.files.list({ folderId: sub.id })).path.map((p) => p.name)).toEqual(["Studio", "Drafts"]);

    // Gina reads and downloads, and changes nothing.
    const seen = await gina.caller.files.list({ folderId: sub.id });
    expect(seen.access).toMatchObject({ view: true, edit: false, upload: false });
    expect(await transfer.download(gina, uploaded.id)).toBe("the brief");
    await expect(gina.caller.files.rename({ itemId: uploaded.id, name: "mine.txt" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(transfer.upload(gina, "guest.txt", "x", { folderId: studioFolder.folderId })).rejects.toThrow();
    expect(await owner.fileItem.count({ where: { name: "guest.txt" } })).toBe(0);

    // Trashed there, it shows in the workspace's trash for its writers, and goes back where it was.
    const draft = await transfer.upload(carol, "draft.txt", "a draft", { folderId: sub.id });
    await carol.caller.files.trash({ itemIds: [draft.id] });
    expect((await bob.caller.workspaces.trash({ workspaceId: studio.id })).map((i) => i.name)).toEqual(["draft.txt"]);
    await expect(gina.caller.workspaces.trash({ workspaceId: studio.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(gina.caller.files.restore({ itemId: draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await bob.caller.files.restore({ itemId: draft.id });
    expect((await gina.caller.files.list({ folderId: sub.id })).items.map((i) => i.name)).toEqual(["brief.txt", "draft.txt"]);
    await carol.caller.files.trash({ itemIds: [draft.id] });
    await carol.caller.files.deleteForever({ itemIds: [draft.id] });
    expect(await bob.caller.workspaces.trash({ workspaceId: studio.id })).toEqual([]);

    // The folder itself stays put.
    await expect(carol.caller.files.rename({ itemId: studioFolder.folderId, name: "Gone" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(carol.caller.files.trash({ itemIds: [studioFolder.folderId] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Out of the workspace, out of its folder.
    await carol.caller.workspaces.leave({ workspaceId: studio.id });
    await expect(carol.caller.files.list({ folderId: sub.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
