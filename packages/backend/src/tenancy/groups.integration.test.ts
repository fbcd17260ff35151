// Groups: administrators manage them, everyone in the organization sees them.
import { describe, expect, it } from "vitest";
import { newColleague, newFilesOwner, useOwnerDatabase } from "../files/testing/files-fixture";

const owner = useOwnerDatabase();

describe("groups", () => {
  it("an administrator creates, renames and deletes groups and manages their members; everyone lists them", async () => {
    const boss = await newFilesOwner("groups");
    const admin = await newColleague(boss, "ADMIN");
    const member = await newColleague(boss, "MEMBER");
    const guest = await newColleague(boss, "GUEST");

    const design = await admin.caller.groups.create({ name: "  Design " });
    expect(design).toMatchObject({ name: "Design", memberCount: 0 });
    await expect(admin.caller.groups.create({ name: "Design" })).rejects.toMatchObject({ code: "CONFLICT", message: "There is already a group named “Design”." });
    await admin.caller.groups.addMembers({ groupId: design.id, userIds: [member.userId, guest.userId] });
    // Adding someone already in it changes nothing and is no error.
    expect(await admin.caller.groups.addMembers({ groupId: design.id, userIds: [member.userId] })).toEqual({ added: 0 });
    await admin.caller.groups.rename({ groupId: design.id, name: "Design team" });

    for (const who of [boss, admin, member, guest]) {
      expect(await who.caller.groups.list()).toEqual([{ id: design.id, name: "Design team", memberCount: 2, createdAt: expect.any(Date) }]);
    }
    const { members } = await boss.caller.groups.members({ groupId: design.id });
    expect(members.map((m) => [m.name, m.email, m.role])).toEqual(
      [member, guest].map((p) => [p.name, p.email, p === guest ? "GUEST" : "MEMBER"]).sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );

    await admin.caller.groups.removeMember({ groupId: design.id, userId: guest.userId });
    await expect(admin.caller.groups.removeMember({ groupId: design.id, userId: guest.userId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await admin.caller.groups.members({ groupId: design.id })).members.map((m) => m.id)).toEqual([member.userId]);

    await admin.caller.groups.delete({ groupId: design.id });
    expect(await member.caller.groups.list()).toEqual([]);
    expect(await owner.groupMember.count({ where: { groupId: design.id } })).toBe(0);

    const { entries } = await boss.caller.activity.list({});
    expect(entries.filter((e) => e.action.startsWith("group.")).map((e) => e.summary)).toEqual([
      "Deleted the group “Design team”",
      `Removed ${guest.name} from the group “Design team”`,
      "Renamed the group “Design” to “Design team”",
      "Added 2 people to the group “Design”",
      "Created the group “Design”",
    ]);
  });

  it("members and guests cannot manage groups", async () => {
    const boss = await newFilesOwner("groups");
    const group = await boss.caller.groups.create({ name: "Sales" });
    for (const role of ["MEMBER", "GUEST"] as const) {
      const person = await newColleague(boss, role);
      await expect(person.caller.groups.create({ name: "Mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(person.caller.groups.rename({ groupId: group.id, name: "Mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(person.caller.groups.addMembers({ groupId: group.id, userIds: [person.userId] })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(person.caller.groups.members({ groupId: group.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(person.caller.groups.delete({ groupId: group.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await boss.caller.groups.list()).toMatchObject([{ name: "Sales", memberCount: 0 }]);
  });

  it("holds only people of the organization", async () => {
    const boss = await newFilesOwner("groups");
    const stranger = await newFilesOwner("stranger");
    const colleague = await newColleague(boss);
    const group = await boss.caller.groups.create({ name: "Ops" });
    // One outsider among colleagues: refused whole.
    await expect(boss.caller.groups.addMembers({ groupId: group.id, userIds: [colleague.userId, stranger.userId] })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "This person is not a member of your organization.",
    });
    expect(await owner.groupMember.count({ where: { groupId: group.id } })).toBe(0);
    // Someone who leaves the organization leaves its groups.
    await boss.caller.groups.addMembers({ groupId: group.id, userIds: [colleague.userId] });
    await colleague.caller.organization.leave();
    expect((await boss.caller.groups.list())[0]!.memberCount).toBe(0);
  });
});
