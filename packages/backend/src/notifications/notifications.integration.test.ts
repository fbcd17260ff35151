// The notification center: a person's own notifications, read marks, the share hook and e-mail preferences.
import { withTenantScope } from "@awan/db";
import { describe, expect, it, vi } from "vitest";
import { getDatabase } from "../db";
import { getEventBus } from "../events/event-bus";
import { isEventOf } from "../events/topic";
import { newColleague, newFilesOwner, useOwnerDatabase, useTransferServer, type FilesPerson } from "../files/testing/files-fixture";
import { removeOldNotifications } from "./notification-housekeeping";
import { notificationsChanged } from "./notification-events";
import { notify } from "./notify";

const transfer = useTransferServer();
const owner = useOwnerDatabase();
const DAY = 24 * 3600_000;

/** `count` notifications for `who`, from `from`, recorded in one transaction (so all at the same time). */
async function seed(who: FilesPerson, from: FilesPerson, count: number) {
  await withTenantScope(getDatabase(), { organizationId: who.organizationId }, (tx) =>
    notify(
      tx,
      who.organizationId,
      Array.from({ length: count }, (_, i) => ({ userId: who.userId, kind: "MENTION" as const, actorId: from.userId, title: `Mention ${i}`, link: `/chat?n=${i}` })),
    ),
  );
}

const user = (p: FilesPerson) => ({ type: "user" as const, id: p.userId });

describe("a person's notifications", () => {
  it("come newest first, 20 a page without gaps or repeats, and are counted and marked read", async () => {
    const boss = await newFilesOwner("notify");
    const colleague = await newColleague(boss);
    await seed(colleague, boss, 24);
    await seed(colleague, boss, 1); // a later one: first in the list

    const first = await colleague.caller.notifications.list({});
    expect(first.notifications).toHaveLength(20);
    expect(first.notifications[0]).toMatchObject({ kind: "MENTION", title: "Mention 0", link: "/chat?n=0", readAt: null, actor: { id: boss.userId, name: boss.name } });
    expect(first.nextCursor).not.toBeNull();
    const second = await colleague.caller.notifications.list({ cursor: first.nextCursor });
    expect(second.notifications).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const all = [...first.notifications, ...second.notifications];
    expect(new Set(all.map((n) => n.id)).size).toBe(25);
    const times = all.map((n) => n.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    expect(await colleague.caller.notifications.unreadCount()).toBe(25);
    expect(await colleague.caller.notifications.markRead({ ids: [all[0]!.id, all[7]!.id] })).toEqual({ marked: 2 });
    expect(await colleague.caller.notifications.markRead({ ids: [all[0]!.id] })).toEqual({ marked: 0 }); // already read: no change
    expect(await colleague.caller.notifications.unreadCount()).toBe(23);
    expect((await colleague.caller.notifications.list({})).notifications[0]!.readAt).toBeInstanceOf(Date);

    expect(await colleague.caller.notifications.markAllRead()).toEqual({ marked: 23 });
    expect(await colleague.caller.notifications.unreadCount()).toBe(0);
    // The boss had none of them.
    expect(await boss.caller.notifications.list({})).toEqual({ notifications: [], nextCursor: null });
  });

  it("refuses another person's and another organization's notifications, changing nothing", async () => {
    const boss = await newFilesOwner("notify");
    const colleague = await newColleague(boss);
    const stranger = await newFilesOwner("notify-other");
    await seed(colleague, boss, 1);
    await seed(boss, colleague, 1);
    await withTenantScope(getDatabase(), { organizationId: stranger.organizationId }, (tx) =>
      notify(tx, stranger.organizationId, [{ userId: stranger.userId, kind: "INVITATION", actorId: null, title: "Welcome", link: "/" }]),
    );
    const [theirs] = (await colleague.caller.notifications.list({})).notifications;
    const [mine] = (await boss.caller.notifications.list({})).notifications;
    const [otherOrganizations] = (await stranger.caller.notifications.list({})).notifications;

    await expect(boss.caller.notifications.markRead({ ids: [theirs!.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(boss.caller.notifications.markRead({ ids: [mine!.id, otherOrganizations!.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await boss.caller.notifications.unreadCount()).toBe(1); // all or none: the boss's own stayed unread
    expect(await colleague.caller.notifications.unreadCount()).toBe(1);
    expect(await stranger.caller.notifications.unreadCount()).toBe(1);
    // Marking all read is the caller's own only.
    await boss.caller.notifications.markAllRead();
    expect(await colleague.caller.notifications.unreadCount()).toBe(1);
    expect(await stranger.caller.notifications.unreadCount()).toBe(1);
  });

  it("tells the person's other tabs when they read some", async () => {
    const boss = await newFilesOwner("notify");
    const colleague = await newColleague(boss);
    await seed(colleague, boss, 2);
    const heard: string[] = [];
    const unsubscribe = await getEventBus().subscribe(colleague.organizationId, notificationsChanged, (item) => {
      if (isEventOf(item, notificationsChanged)) heard.push(item.data.userId);
    });
    try {
      const [one] = (await colleague.caller.notifications.list({})).notifications;
      await colleague.caller.notifications.markRead({ ids: [one!.id] });
      await vi.waitFor(() => expect(heard).toEqual([colleague.userId]), { timeout: 5_000, interval: 20 });
      await colleague.caller.notifications.markAllRead();
      await vi.waitFor(() => expect(heard).toEqual([colleague.userId, colleague.userId]), { timeout: 5_000, interval: 20 });
    } finally {
      unsubscribe();
    }
  });

  it("keeps e-mail preferences per person", async () => {
    const boss = await newFilesOwner("notify");
    const colleague = await newColleague(boss, "GUEST");
    expect(await colleague.caller.notifications.preferences()).toEqual({ emailKinds: [] });
    await colleague.caller.notifications.setPreferences({ emailKinds: ["SHARE", "MENTION", "SHARE"] });
    expect((await colleague.caller.notifications.preferences()).emailKinds.sort()).toEqual(["MENTION", "SHARE"]);
    expect(await boss.caller.notifications.preferences()).toEqual({ emailKinds: [] });
    await colleague.caller.notifications.setPreferences({ emailKinds: [] });
    expect(await colleague.caller.notifications.preferences()).toEqual({ emailKinds: [] });
    await expect(colleague.caller.notifications.setPreferences({ emailKinds: ["SPAM" as "SHARE"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("are removed once read long ago, or very old", async () => {
    const boss = await newFilesOwner("notify");
    const colleague = await newColleague(boss);
    await seed(colleague, boss, 4);
    const [recentRead, oldRead, oldUnread, ancient] = (await colleague.caller.notifications.list({})).notifications;
    await colleague.caller.notifications.markRead({ ids: [recentRead!.id, oldRead!.id] });
    await owner.notification.update({ where: { id: oldRead!.id }, data: { readAt: new Date(Date.now() - 91 * DAY) } });
    await owner.notification.update({ where: { id: oldUnread!.id }, data: { createdAt: new Date(Date.now() - 200 * DAY) } });
    await owner.notification.update({ where: { id: ancient!.id }, data: { createdAt: new Date(Date.now() - 366 * DAY) } });

    const report = await removeOldNotifications(getDatabase());
    expect(report.failedOrganizations).toBe(0);
    const left = (await colleague.caller.notifications.list({})).notifications.map((n) => n.id);
    expect(left.sort()).toEqual([recentRead!.id, oldUnread!.id].sort());
  });
});

describe("sharing notifies", () => {
  it("the person and each group member an item is newly shared with, not the sharer, the owner, or on a role change", async () => {
    const boss = await newFilesOwner("notify-share");
    const [editor, person, inGroup, alsoInGroup] = await Promise.all([newColleague(boss), newColleague(boss), newColleague(boss), newColleague(boss, "GUEST")]);
    const folder = await boss.caller.files.createFolder({ parentId: null, name: "Plans" });
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [user(editor)], role: "EDITOR" });
    const group = await boss.caller.groups.create({ name: "Design" });
    await boss.caller.groups.addMembers({ groupId: group.id, userIds: [boss.userId, editor.userId, inGroup.userId, alsoInGroup.userId, person.userId] });

    // The editor shares the boss's folder: with a person directly and with a group the person, the editor and the boss are in too.
    await editor.caller.sharing.share({ itemId: folder.id, recipients: [user(person), { type: "group", id: group.id }], role: "VIEWER" });

    const shown = async (p: FilesPerson) => (await p.caller.notifications.list({})).notifications.map((n) => ({ kind: n.kind, title: n.title, link: n.link, actor: n.actor?.name }));
    expect(await shown(person)).toEqual([{ kind: "SHARE", title: `${editor.name} shared “Plans” with you`, link: `/files?folder=${folder.id}`, actor: editor.name }]);
    for (const member of [inGroup, alsoInGroup]) {
      expect(await shown(member)).toEqual([{ kind: "SHARE", title: `${editor.name} shared “Plans” with the group “Design”`, link: `/files?folder=${folder.id}`, actor: editor.name }]);
    }
    expect(await shown(boss)).toEqual([]); // the owner has it anyway
    expect(await shown(editor)).toEqual([{ kind: "SHARE", title: `${boss.name} shared “Plans” with you`, link: `/files?folder=${folder.id}`, actor: boss.name }]);

    // Changing the role of existing shares tells nobody.
    await boss.caller.sharing.share({ itemId: folder.id, recipients: [user(person), { type: "group", id: group.id }], role: "EDITOR" });
    expect(await person.caller.notifications.unreadCount()).toBe(1);
    expect(await inGroup.caller.notifications.unreadCount()).toBe(1);

    // A file opens Shared with me.
    const file = await transfer.upload(boss, "Plan.pdf", "the plan");
    await boss.caller.sharing.share({ itemId: file.id, recipients: [user(inGroup)], role: "VIEWER" });
    expect((await shown(inGroup))[0]).toEqual({ kind: "SHARE", title: `${boss.name} shared “Plan.pdf” with you`, link: "/files/shared", actor: boss.name });
  });
});
