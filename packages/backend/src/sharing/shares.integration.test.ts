// Sharing inside an organization: who may share, who has access, "Shared with me", shortcuts.
import { describe, expect, it } from "vitest";
import { newColleague, newFilesOwner, useOwnerDatabase, useTransferServer, type FilesPerson } from "../files/testing/files-fixture";

const transfer = useTransferServer();
const owner = useOwnerDatabase();

const user = (p: FilesPerson) => ({ type: "user" as const, id: p.userId });

async function team() {
  const boss = await newFilesOwner("sharing");
  const [editor, viewer, other, guest] = await Promise.all([newColleague(boss), newColleague(boss), newColleague(boss), newColleague(boss, "GUEST")]);
  const folder = await boss.caller.files.createFolder({ parentId: null, name: "Projects" });
  const inner = await boss.caller.files.createFolder({ parentId: folder.id, name: "Q3" });
  const file = await transfer.upload(boss, "plan.txt", "the plan", { folderId: inner.id });
  return { boss, editor, viewer, other, guest, folder, inner, file };
}

describe("sharing an item", () => {
  it("shows the owner and every share that reaches an item, with the folder each is inherited from", async () => {
    const { boss, editor, viewer, other, folder, inner, file } = await team();
    const group = await boss.caller.groups.create({ name: "Readers" });
    await boss.caller.groups.addMembers({ groupId: group.id, userIds: [other.userId] });
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [user(editor), { type: "group", id: group.id }], role: "EDITOR" });
    await boss.caller.sharing.share({ itemId: file.id, recipients: [user(viewer)], role: "VIEWER" });

    const access = await boss.caller.sharing.listForItem({ itemId: file.id });
    expect(access.item).toEqual({ id: file.id, name: "plan.txt", kind: "FILE" });
    expect(access.owner).toEqual({ id: boss.userId, name: boss.name, email: boss.email });
    expect(access.you).toEqual({ own: true, canManage: true });
    expect(access.entries.map((e) => [e.recipient.name, e.role, e.inheritedFrom?.name ?? null])).toEqual([
      [viewer.name, "VIEWER", null],
      ...[editor.name, "Readers"].sort((a, b) => a.localeCompare(b)).map((name) => [name, "EDITOR", "Projects"]),
    ]);
    expect(access.entries.find((e) => e.recipient.type === "user" && e.recipient.id === editor.userId)?.recipient).toEqual({
      type: "user",
      id: editor.userId,
      name: editor.name,
      email: editor.email,
    });
    expect(access.entries.find((e) => e.recipient.type === "group")?.recipient).toEqual({ type: "group", id: group.id, name: "Readers", memberCount: 1 });

    // An editor sees the same and may manage; a viewer sees it and may not.
    expect((await editor.caller.sharing.listForItem({ itemId: inner.id })).you).toEqual({ own: false, canManage: true });
    const seenByViewer = await viewer.caller.sharing.listForItem({ itemId: file.id });
    expect(seenByViewer.you).toEqual({ own: false, canManage: false });
    // The viewer's share is on the file: the folders above it (and their shares) are not theirs to see.
    expect(seenByViewer.entries.map((e) => e.recipient.name)).toEqual([viewer.name]);
    // Someone it was not shared with learns nothing.
    const stranger = await newColleague(boss);
    await expect(stranger.caller.sharing.listForItem({ itemId: file.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets the owner and editors share, change roles and revoke, and records each change", async () => {
    const { boss, editor, viewer, other, folder, file } = await team();
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [user(editor)], role: "EDITOR" });
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [user(viewer)], role: "VIEWER" });
    // An editor shares on; a viewer may not.
    await editor.caller.sharing.share({ itemId: folder.id, recipients: [user(other)], role: "UPLOADER" });
    await expect(viewer.caller.sharing.share({ itemId: file.id, recipients: [user(other)], role: "VIEWER" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const shareOf = async (p: FilesPerson) =>
      (await boss.caller.sharing.listForItem({ itemId: folder.id })).entries.find((e) => e.recipient.type === "user" && e.recipient.id === p.userId);
    const viewerShare = (await shareOf(viewer))!;
    await expect(viewer.caller.sharing.changeRole({ shareId: viewerShare.shareId, role: "EDITOR" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.caller.sharing.revoke({ shareId: (await shareOf(editor))!.shareId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await editor.caller.sharing.changeRole({ shareId: viewerShare.shareId, role: "EDITOR" });
    expect((await shareOf(viewer))!.role).toBe("EDITOR");
    // Sharing again with someone who has a share changes its role.
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [user(viewer)], role: "VIEWER" });
    expect((await shareOf(viewer))!).toMatchObject({ shareId: viewerShare.shareId, role: "VIEWER" });
    await boss.caller.sharing.revoke({ shareId: viewerShare.shareId });
    expect(await shareOf(viewer)).toBeUndefined();
    await expect(boss.caller.sharing.revoke({ shareId: viewerShare.shareId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const { entries } = await boss.caller.activity.list({});
    expect(entries.filter((e) => e.action.startsWith("share.")).map((e) => [e.actor, e.summary])).toEqual([
      [boss.name, `Stopped sharing “Projects” with ${viewer.name}`],
      [boss.name, `Made ${viewer.name} viewer of “Projects” (was editor)`],
      [editor.name, `Made ${viewer.name} editor of “Projects” (was viewer)`],
      [editor.name, `Shared “Projects” with ${other.name} as “can add files only”`],
      [boss.name, `Shared “Projects” with ${viewer.name} as viewer`],
      [boss.name, `Shared “Projects” with ${editor.name} as editor`],
    ]);
  });

  it("refuses what makes no sense, and anyone outside the organization, changing nothing", async () => {
    const { boss, editor, guest, folder, file } = await team();
    const outsider = await newFilesOwner("outsider");
    const theirGroup = await outsider.caller.groups.create({ name: "Elsewhere" });
    const shares = () => owner.share.count({ where: { organizationId: boss.organizationId } });

    await expect(boss.caller.sharing.share({ itemId: file.id, recipients: [user(editor)], role: "UPLOADER" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Only folders can be shared as “can add files only”.",
    });
    await expect(boss.caller.sharing.share({ itemId: file.id, recipients: [user(boss)], role: "VIEWER" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [user(editor)], role: "EDITOR" });
    await expect(editor.caller.sharing.share({ itemId: file.id, recipients: [user(boss)], role: "VIEWER" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `${boss.name} owns “plan.txt”, so it needs no sharing with them.`,
    });
    const before = await shares();
    for (const recipients of [[user(outsider)], [user(editor), user(outsider)], [{ type: "group" as const, id: theirGroup.id }], [{ type: "user" as const, id: crypto.randomUUID() }]]) {
      await expect(boss.caller.sharing.share({ itemId: file.id, recipients, role: "VIEWER" })).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: "This person or group is not in your organization.",
      });
    }
    // Guests are shared with; they do not share on, nor browse the organization's people.
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [user(guest)], role: "EDITOR" });
    await expect(guest.caller.sharing.share({ itemId: file.id, recipients: [user(editor)], role: "VIEWER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(guest.caller.sharing.candidates({ query: "" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await shares()).toBe(before + 1);
  });

  it("suggests people and groups of the organization only", async () => {
    const { boss, editor } = await team();
    const outsider = await newFilesOwner("outsider");
    await outsider.caller.groups.create({ name: "Sharing outsiders" });
    await boss.caller.groups.create({ name: "Sharing insiders" });
    const found = await boss.caller.sharing.candidates({ query: editor.email.slice(0, 14).toUpperCase() });
    expect(found.people.map((p) => p.id)).toEqual([editor.userId]);
    const groups = await boss.caller.sharing.candidates({ query: "sharing" });
    expect(groups.groups.map((g) => g.name)).toEqual(["Sharing insiders"]);
    expect(groups.people.map((p) => p.id)).not.toContain(boss.userId);
    expect(JSON.stringify(await boss.caller.sharing.candidates({ query: "" }))).not.toContain(outsider.userId);
  });
});

describe("shared with me", () => {
  it("lists live items shared directly or through a group, with owner, role and date, and not one's own", async () => {
    const { boss, editor, other, folder, inner, file } = await team();
    const group = await boss.caller.groups.create({ name: "Team" });
    await boss.caller.groups.addMembers({ groupId: group.id, userIds: [editor.userId] });
    await boss.caller.sharing.share({ itemId: file.id, recipients: [{ type: "group", id: group.id }], role: "VIEWER" });
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [user(editor)], role: "VIEWER" });
    // The same folder through the group as well: listed once, with the stronger role.
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [{ type: "group", id: group.id }], role: "EDITOR" });
    // What the editor shares of someone else's is not "theirs"; their own items are not listed to them.
    const mine = await editor.caller.files.createFolder({ parentId: null, name: "Mine" });
    await editor.caller.sharing.share({ itemId: mine.id, recipients: [user(other)], role: "VIEWER" });

    const shared = await editor.caller.sharing.sharedWithMe({});
    expect(shared.nextOffset).toBeNull();
    expect(shared.items.map((i) => [i.name, i.kind, i.role, i.owner.name, i.access.edit])).toEqual([
      ["Projects", "FOLDER", "EDITOR", boss.name, true],
      ["plan.txt", "FILE", "VIEWER", boss.name, false],
    ]);
    expect(shared.items[1]).toMatchObject({ size: 8, contentType: "text/plain", owner: { email: boss.email }, sharedAt: expect.any(Date) });

    // In the trash (its own or a folder's above it), it is not listed; restored, it is again.
    await boss.caller.files.trash({ itemIds: [inner.id] });
    expect((await editor.caller.sharing.sharedWithMe({})).items.map((i) => i.name)).toEqual(["Projects"]);
    await boss.caller.files.restore({ itemId: inner.id });
    expect((await editor.caller.sharing.sharedWithMe({})).items.map((i) => i.name)).toEqual(["Projects", "plan.txt"]);
    // Out of the group, the group's shares are gone at once.
    await boss.caller.groups.removeMember({ groupId: group.id, userId: editor.userId });
    expect((await editor.caller.sharing.sharedWithMe({})).items.map((i) => [i.name, i.role])).toEqual([["Projects", "VIEWER"]]);
  });

  it("comes a page at a time, saying where the next page starts", async () => {
    const boss = await newFilesOwner("pages");
    const reader = await newColleague(boss);
    const paths = Array.from({ length: 105 }, (_, i) => [`folder ${i}`]);
    const folders = await boss.caller.files.ensureFolders({ parentId: null, paths });
    for (const id of Object.values(folders)) await boss.caller.sharing.share({ itemId: id, recipients: [user(reader)], role: "VIEWER" });
    const first = await reader.caller.sharing.sharedWithMe({});
    expect(first.items).toHaveLength(100);
    expect(first.nextOffset).toBe(100);
    const second = await reader.caller.sharing.sharedWithMe({ offset: first.nextOffset! });
    expect(second).toMatchObject({ nextOffset: null });
    expect(new Set([...first.items, ...second.items].map((i) => i.id))).toEqual(new Set(Object.values(folders)));
  });

  it("a guest sees only what was shared with them", async () => {
    const { boss, guest, folder, inner, file } = await team();
    await boss.caller.sharing.share({ itemId: inner.id, recipients: [user(guest)], role: "VIEWER" });
    expect((await guest.caller.sharing.sharedWithMe({})).items.map((i) => i.id)).toEqual([inner.id]);
    expect((await guest.caller.files.list({ folderId: inner.id })).items.map((i) => i.id)).toEqual([file.id]);
    await expect(guest.caller.files.list({ folderId: folder.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(guest.caller.sharing.listForItem({ itemId: folder.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Guests have no files of their own to add shortcuts to.
    await expect(guest.caller.sharing.addToMyFiles({ itemId: inner.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("add to My files", () => {
  it("puts a shortcut in the person's own files that lists as the shared item while it stays shared", async () => {
    const { boss, editor, folder, file } = await team();
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [user(editor)], role: "VIEWER" });
    const links = await editor.caller.files.createFolder({ parentId: null, name: "Links" });
    await editor.caller.files.createFolder({ parentId: null, name: "Projects" });

    const added = await editor.caller.sharing.addToMyFiles({ itemId: folder.id });
    expect(added).toMatchObject({ name: "Projects (2)", folderId: null, alreadyThere: false });
    expect(await editor.caller.sharing.addToMyFiles({ itemId: folder.id })).toMatchObject({ id: added.id, alreadyThere: true });
    await editor.caller.sharing.addToMyFiles({ itemId: file.id, folderId: links.id });

    const top = await editor.caller.files.list({ folderId: null });
    expect(top.items.find((i) => i.id === added.id)).toMatchObject({ kind: "SHORTCUT", name: "Projects (2)", target: { id: folder.id, kind: "FOLDER" } });
    expect((await editor.caller.files.list({ folderId: links.id })).items).toMatchObject([{ kind: "SHORTCUT", name: "plan.txt", size: 8, target: { id: file.id, kind: "FILE" } }]);
    // The shortcut opens the folder it leads to.
    const opened = top.items.find((i) => i.id === added.id)!.target!;
    expect((await editor.caller.files.list({ folderId: opened.id })).items.map((i) => i.name)).toEqual(["Q3"]);
    // Found by search, it leads there too.
    expect((await editor.caller.files.search({ query: "projects (2)" })).items).toMatchObject([{ id: added.id, target: { id: folder.id, kind: "FOLDER" } }]);

    // Not shared any more: the shortcut is not listed (and comes back with the share).
    const share = (await boss.caller.sharing.listForItem({ itemId: folder.id })).entries[0]!;
    await boss.caller.sharing.revoke({ shareId: share.shareId });
    expect((await editor.caller.files.list({ folderId: null })).items.map((i) => i.name)).toEqual(["Links", "Projects"]);
    expect((await editor.caller.files.list({ folderId: links.id })).items).toEqual([]);
    expect((await editor.caller.files.search({ query: "projects (2)" })).items).toEqual([]);
    await expect(editor.caller.sharing.addToMyFiles({ itemId: folder.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses one's own items, shortcuts, and folders that are not one's own", async () => {
    const { boss, editor, folder, inner } = await team();
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [user(editor)], role: "EDITOR" });
    const mine = await editor.caller.files.createFolder({ parentId: null, name: "Mine" });
    await expect(editor.caller.sharing.addToMyFiles({ itemId: mine.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(editor.caller.sharing.addToMyFiles({ itemId: inner.id, folderId: folder.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Shortcuts go into your own files: choose a folder of My files.",
    });
    const shortcut = await editor.caller.sharing.addToMyFiles({ itemId: inner.id });
    await expect(editor.caller.sharing.addToMyFiles({ itemId: shortcut.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(editor.caller.sharing.share({ itemId: shortcut.id, recipients: [user(boss)], role: "VIEWER" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await owner.fileItem.count({ where: { kind: "SHORTCUT", organizationId: boss.organizationId } })).toBe(1);
  });
});
