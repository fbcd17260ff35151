import { describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { addMember, callerFor, newAccount } from "../testing/fixtures";
import { authenticateAppPassword } from "./app-passwords";

describe("app passwords", () => {
  it("signs an app in as its person in its organization until revoked, and shows the secret only once", async () => {
    const owner = await newAccount("apps");
    const { caller } = await callerFor(owner.userId);
    const created = await caller.appPasswords.create({ name: "Laptop (rclone)" });
    expect(created.password).toMatch(/^[\w-]{32}$/);
    expect(JSON.stringify(await caller.appPasswords.list())).not.toContain(created.password);

    const db = getDatabase();
    expect(await authenticateAppPassword(db, owner.email.toUpperCase(), created.password)).toEqual({ organizationId: owner.organizationId, userId: owner.userId, role: "OWNER" });
    expect(await authenticateAppPassword(db, owner.email, created.password.slice(0, -1) + "x")).toBeNull();
    expect((await caller.appPasswords.list())[0]).toMatchObject({ name: "Laptop (rclone)", lastUsedAt: expect.any(Date) });

    await caller.appPasswords.revoke({ id: created.id });
    expect(await authenticateAppPassword(db, owner.email, created.password)).toBeNull();
    await expect(caller.appPasswords.revoke({ id: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("works only with its own person's email, and not for someone else's id", async () => {
    const owner = await newAccount("apps");
    const colleague = await addMember(owner.organizationId, owner.userId, "MEMBER");
    const mine = await (await callerFor(owner.userId)).caller.appPasswords.create({ name: "Phone" });
    expect(await authenticateAppPassword(getDatabase(), colleague.email, mine.password)).toBeNull();
    const theirs = (await callerFor(colleague.userId)).caller;
    await expect(theirs.appPasswords.revoke({ id: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(theirs.appPasswords.create({ name: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("stops working when the membership ends", async () => {
    const owner = await newAccount("apps");
    const member = await addMember(owner.organizationId, owner.userId, "MEMBER");
    const { password } = await (await callerFor(member.userId)).caller.appPasswords.create({ name: "Desktop" });
    expect(await authenticateAppPassword(getDatabase(), member.email, password)).not.toBeNull();
    await (await callerFor(member.userId)).caller.organization.leave();
    expect(await authenticateAppPassword(getDatabase(), member.email, password)).toBeNull();
  });
});
