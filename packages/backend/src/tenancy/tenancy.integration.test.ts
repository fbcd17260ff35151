import { describe, expect, it, vi } from "vitest";
import { createDatabase, withTenantScope } from "@awan/db";
import * as config from "../config";
import { getDatabase } from "../db";
import { listUserOrganizations } from "./organizations";
import { addMember, anonymousCaller, callerFor, newAccount, TEST_PASSWORD, uniqueEmail } from "../testing/fixtures";

async function inviteLink(ownerId: string, input: { role: "ADMIN" | "MEMBER" | "GUEST" | "OWNER"; maxUses?: number }) {
  const { caller } = await callerFor(ownerId);
  return caller.invitation.create({ role: input.role, expiresInDays: 7, maxUses: input.maxUses ?? 1 });
}

describe("invitations", () => {
  it("lets a new person create an account and join with the link's role, once", async () => {
    const owner = await newAccount();
    const { token } = await inviteLink(owner.userId, { role: "MEMBER" });
    const preview = await anonymousCaller().auth.invitation({ token });
    expect(preview).toMatchObject({ organizationId: owner.organizationId, role: "MEMBER" });

    await anonymousCaller().auth.signUpWithInvitation({ token, name: "Grace", email: uniqueEmail("grace"), password: TEST_PASSWORD });
    const { caller } = await callerFor(owner.userId);
    const members = await caller.member.list();
    expect(members.map((m) => m.role).sort()).toEqual(["MEMBER", "OWNER"]);

    const again = anonymousCaller().auth.signUpWithInvitation({ token, name: "Late", email: uniqueEmail("late"), password: TEST_PASSWORD });
    await expect(again).rejects.toMatchObject({ message: expect.stringMatching(/already been used/) });
  });

  it("lets a signed-in person join, and makes that organization active", async () => {
    const owner = await newAccount();
    const other = await newAccount("joiner");
    const { token } = await inviteLink(owner.userId, { role: "ADMIN" });
    const { caller } = await callerFor(other.userId);
    await caller.invitation.accept({ token });
    const viewer = await caller.auth.viewer();
    expect(viewer.organization).toMatchObject({ id: owner.organizationId, role: "ADMIN" });
    expect((await caller.organization.mine()).map((o) => o.id).sort()).toEqual([owner.organizationId, other.organizationId].sort());
    await expect(caller.invitation.accept({ token })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses revoked, expired and unknown links with a reason", async () => {
    const owner = await newAccount();
    const { caller } = await callerFor(owner.userId);
    const revoked = await caller.invitation.create({ role: "MEMBER", expiresInDays: 1, maxUses: 1 });
    await caller.invitation.revoke({ invitationId: revoked.id });
    await expect(anonymousCaller().auth.invitation({ token: revoked.token })).rejects.toMatchObject({ message: expect.stringMatching(/revoked/) });

    const expired = await caller.invitation.create({ role: "MEMBER", expiresInDays: 1, maxUses: 1 });
    const ownerDb = createDatabase(process.env.DATABASE_URL!);
    await ownerDb.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await ownerDb.$disconnect();
    await expect(anonymousCaller().auth.invitation({ token: expired.token })).rejects.toMatchObject({ message: expect.stringMatching(/expired/) });

    await expect(anonymousCaller().auth.invitation({ token: "x".repeat(32) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caller.invitation.list()).map((i) => i.id)).not.toContain(revoked.id);
  });

  it("lets exactly one of two people racing for a single-use link in", async () => {
    const owner = await newAccount();
    const { token } = await inviteLink(owner.userId, { role: "MEMBER" });
    const results = await Promise.allSettled(
      ["racer-a", "racer-b"].map((label) =>
        anonymousCaller().auth.signUpWithInvitation({ token, name: label, email: uniqueEmail(label), password: TEST_PASSWORD }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const { caller } = await callerFor(owner.userId);
    expect(await caller.member.list()).toHaveLength(2);
  });

  it("lets admins invite only members and guests; owners anyone", async () => {
    const owner = await newAccount();
    const admin = await addMember(owner.organizationId, owner.userId, "ADMIN");
    const { caller } = await callerFor(admin.userId);
    for (const role of ["OWNER", "ADMIN"] as const) {
      await expect(caller.invitation.create({ role, expiresInDays: 1, maxUses: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(caller.invitation.create({ role: "MEMBER", expiresInDays: 1, maxUses: 1 })).resolves.toMatchObject({ role: "MEMBER" });
    const ownerLink = await (await callerFor(owner.userId)).caller.invitation.create({ role: "ADMIN", expiresInDays: 1, maxUses: 1 });
    await expect(caller.invitation.revoke({ invitationId: ownerLink.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("revokes the open links of someone who is removed or demoted", async () => {
    const owner = await newAccount();
    const asOwner = (await callerFor(owner.userId)).caller;
    const admin = await addMember(owner.organizationId, owner.userId, "ADMIN");
    const asAdmin = (await callerFor(admin.userId)).caller;
    const memberLink = await asAdmin.invitation.create({ role: "MEMBER", expiresInDays: 7, maxUses: 100 });
    const membership = (await asOwner.member.list()).find((m) => m.id === admin.userId)!.membershipId;

    await asOwner.member.changeRole({ membershipId: membership, role: "MEMBER" });
    await expect(anonymousCaller().auth.invitation({ token: memberLink.token })).rejects.toMatchObject({ message: expect.stringMatching(/revoked/) });

    await asOwner.member.changeRole({ membershipId: membership, role: "ADMIN" });
    const guestLink = await asAdmin.invitation.create({ role: "GUEST", expiresInDays: 7, maxUses: 100 });
    await asOwner.member.remove({ membershipId: membership });
    await expect(anonymousCaller().auth.invitation({ token: guestLink.token })).rejects.toMatchObject({ message: expect.stringMatching(/revoked/) });
  });
});

describe("roles", () => {
  it("keeps members and guests out of administration", async () => {
    const owner = await newAccount();
    const member = await addMember(owner.organizationId, owner.userId, "MEMBER");
    const guest = await addMember(owner.organizationId, owner.userId, "GUEST");
    const asMember = (await callerFor(member.userId)).caller;
    const asGuest = (await callerFor(guest.userId)).caller;
    await expect(asMember.invitation.create({ role: "MEMBER", expiresInDays: 1, maxUses: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asMember.organization.rename({ name: "Mine now" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asMember.member.list()).resolves.toHaveLength(3);
    await expect(asGuest.member.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("never leaves an organization without an owner", async () => {
    const owner = await newAccount();
    const { caller } = await callerFor(owner.userId);
    await expect(caller.organization.leave()).rejects.toMatchObject({ code: "CONFLICT" });
    const admin = await addMember(owner.organizationId, owner.userId, "ADMIN");
    const members = await caller.member.list();
    const adminMembership = members.find((m) => m.id === admin.userId)!;
    await caller.member.changeRole({ membershipId: adminMembership.membershipId, role: "OWNER" });
    await caller.organization.leave();
    expect((await caller.auth.viewer()).organization?.id).not.toBe(owner.organizationId);
  });

  it("lets admins manage members and guests, but not admins or owners", async () => {
    const owner = await newAccount();
    const admin = await addMember(owner.organizationId, owner.userId, "ADMIN");
    const member = await addMember(owner.organizationId, owner.userId, "MEMBER");
    const asAdmin = (await callerFor(admin.userId)).caller;
    const members = await asAdmin.member.list();
    const ownerMembership = members.find((m) => m.id === owner.userId)!.membershipId;
    const memberMembership = members.find((m) => m.id === member.userId)!.membershipId;
    await expect(asAdmin.member.changeRole({ membershipId: ownerMembership, role: "MEMBER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAdmin.member.remove({ membershipId: ownerMembership })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAdmin.member.changeRole({ membershipId: memberMembership, role: "ADMIN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await asAdmin.member.changeRole({ membershipId: memberMembership, role: "GUEST" });
    await asAdmin.member.remove({ membershipId: memberMembership });
    expect((await asAdmin.member.list()).map((m) => m.id)).not.toContain(member.userId);
  });
});

describe("organizations", () => {
  it("lets the owner rename the organization", async () => {
    const owner = await newAccount();
    const { caller } = await callerFor(owner.userId);
    await caller.organization.rename({ name: "  Renamed Ltd  " });
    expect((await caller.auth.viewer()).organization?.name).toBe("Renamed Ltd");
    await expect(caller.organization.rename({ name: "bad\u0007name" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("switches the active organization only to one the user belongs to", async () => {
    const a = await newAccount("switch-a");
    const b = await newAccount("switch-b");
    const { caller } = await callerFor(a.userId);
    const created = await caller.organization.create({ name: "Second org" });
    expect((await caller.auth.viewer()).organization?.id).toBe(created.id);
    await caller.organization.switch({ organizationId: a.organizationId });
    expect((await caller.auth.viewer()).organization?.id).toBe(a.organizationId);
    await expect(caller.organization.switch({ organizationId: b.organizationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a server closed to sign-up", () => {
  it("lets only its administrators create organizations", async () => {
    const member = await newAccount("closed");
    const ownerDb = createDatabase(process.env.DATABASE_URL!);
    const [admin] = await ownerDb.$queryRaw<{ userId: string }[]>`
      SELECT "userId"::text FROM "Membership"
      WHERE "role" = 'OWNER' AND "organizationId" = (SELECT "id" FROM "Organization" ORDER BY "createdAt" LIMIT 1) LIMIT 1`;
    await ownerDb.$disconnect();
    const { caller } = await callerFor(member.userId);
    const { caller: adminCaller } = await callerFor(admin!.userId);

    const closed = vi.spyOn(config, "getConfig").mockReturnValue({ ...config.getConfig(), allowSignUp: false });
    try {
      expect(await caller.organization.canCreate()).toBe(false);
      await expect(caller.organization.create({ name: "Shadow tenant" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/administrators/) });
      expect(await caller.organization.mine()).toHaveLength(1);
      expect(await adminCaller.organization.canCreate()).toBe(true);
      const made = await adminCaller.organization.create({ name: "Hosted by the administrator" });
      expect((await adminCaller.organization.mine()).map((o) => o.id)).toContain(made.id);
    } finally {
      closed.mockRestore();
    }
    expect(await caller.organization.canCreate()).toBe(true);
  });
});

describe("several tabs", () => {
  it("refuses organization work sent from a page that shows another organization than the active one", async () => {
    const person = await newAccount("tabs");
    const { caller: firstTab } = await callerFor(person.userId, { organizationOnScreen: person.organizationId });
    const second = await firstTab.organization.create({ name: "Other tab's org" }); // now active for the session
    await expect(firstTab.organization.rename({ name: "Meant for the first" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/another tab/),
    });
    const db = getDatabase();
    const names = await withTenantScope(db, { userId: person.userId }, (tx) => listUserOrganizations(tx, person.userId));
    expect(names.map((o) => o.name)).not.toContain("Meant for the first");
    expect(second.id).not.toBe(person.organizationId);
  });
});

describe("concurrent ownership changes", () => {
  it("keeps an owner when two owners demote each other at the same moment", async () => {
    const first = await newAccount("owner-one");
    const { caller: asFirst } = await callerFor(first.userId);
    const second = await addMember(first.organizationId, first.userId, "ADMIN");
    const members = await asFirst.member.list();
    const membershipOf = (userId: string) => members.find((m) => m.id === userId)!.membershipId;
    await asFirst.member.changeRole({ membershipId: membershipOf(second.userId), role: "OWNER" });
    const { caller: asSecond } = await callerFor(second.userId);
    await asSecond.organization.switch({ organizationId: first.organizationId });

    const results = await Promise.allSettled([
      asFirst.member.changeRole({ membershipId: membershipOf(second.userId), role: "MEMBER" }),
      asSecond.member.changeRole({ membershipId: membershipOf(first.userId), role: "MEMBER" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const owners = (await asFirst.member.list().catch(() => asSecond.member.list())).filter((m) => m.role === "OWNER");
    expect(owners).toHaveLength(1);
  });
});
