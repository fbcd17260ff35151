import { withTenantScope } from "@awan/db";
import { describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { addMember, newAccount } from "../testing/fixtures";
import { ensurePersonalMailbox, ensurePersonalMailboxes, localPartFor } from "./provisioning";

describe("mail provisioning", () => {
  it("gives every member a mailbox with the six folders on the organization's default domain, once", async () => {
    const db = getDatabase();
    const owner = await newAccount("mailowner");
    const colleague = await addMember(owner.organizationId, owner.userId, "MEMBER", "mailcolleague");
    const scoped = <T>(work: Parameters<typeof withTenantScope<T>>[2]) => withTenantScope(db, { organizationId: owner.organizationId }, work);

    // Two first deliveries at once make each mailbox once.
    const made = await Promise.all([
      scoped((tx) => ensurePersonalMailboxes(tx, owner.organizationId)),
      scoped((tx) => ensurePersonalMailboxes(tx, owner.organizationId)),
    ]);
    expect(made.sort()).toEqual([0, 2]);

    const mailboxes = await scoped((tx) =>
      tx.mailbox.findMany({
        where: { organizationId: owner.organizationId },
        select: { userId: true, folders: { select: { role: true } }, addresses: { select: { address: true, isPrimary: true } } },
      }),
    );
    expect(mailboxes).toHaveLength(2);
    const slug = await scoped((tx) => tx.organization.findUniqueOrThrow({ where: { id: owner.organizationId }, select: { slug: true } }));
    for (const mailbox of mailboxes) {
      expect(mailbox.folders.map((f) => f.role).sort()).toEqual(["ARCHIVE", "DRAFTS", "INBOX", "SENT", "SPAM", "TRASH"]);
      expect(mailbox.addresses).toHaveLength(1);
      expect(mailbox.addresses[0]!.address).toMatch(new RegExp(`^[a-z0-9._-]+@${slug.slug.replace(/[.-]/g, "\\$&")}\\.awan\\.localhost$`));
    }
    const colleagueBox = await scoped((tx) => ensurePersonalMailbox(tx, owner.organizationId, colleague.userId));
    expect(mailboxes.some((m) => m.userId === colleague.userId)).toBe(true);
    expect(colleagueBox).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("makes local parts from sign-in addresses with nothing a mail system would refuse", () => {
    expect(localPartFor("Ana.Lopez@example.com")).toBe("ana.lopez");
    expect(localPartFor("o'brien+tag@example.com")).toBe("obrientag");
    expect(localPartFor("..@example.com")).toBe("user");
  });
});
