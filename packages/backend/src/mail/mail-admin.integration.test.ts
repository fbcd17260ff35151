import crypto from "node:crypto";
import { createDatabase, withTenantScope, type Database } from "@awan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { addMember, callerFor, newAccount } from "../testing/fixtures";
import { checkMailDomainDns, type DnsResolver } from "./dns-check";
import { storeMailMessage } from "./mail-store";

// Admin → Mail through the tRPC procedures, as the console calls them, against
// the real database with row-level security on.

type Person = { userId: string; organizationId: string; email: string; caller: Awaited<ReturnType<typeof callerFor>>["caller"] };

async function newOrganization(label: string): Promise<Person> {
  const account = await newAccount(label);
  return { ...account, caller: (await callerFor(account.userId)).caller };
}

async function colleagueOf(owner: Person, role: "ADMIN" | "MEMBER"): Promise<Person> {
  const member = await addMember(owner.organizationId, owner.userId, role);
  return { ...member, organizationId: owner.organizationId, caller: (await callerFor(member.userId)).caller };
}

/** The error a call was refused with; fails the test if it succeeded. */
async function refusalOf(call: Promise<unknown>): Promise<Error & { code?: string }> {
  const outcome = await call.then(
    () => null,
    (error: Error & { code?: string }) => error,
  );
  if (!outcome) throw new Error("The call was expected to be refused, and succeeded.");
  return outcome;
}

const uniqueDomain = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}.com`;

let owner: Database;
beforeAll(() => {
  owner = createDatabase(process.env.DATABASE_URL!);
});
afterAll(() => owner.$disconnect());

/** Every mail row of an organization, read as the database owner (past row-level security). */
async function mailRowsOf(organizationId: string) {
  const where = { organizationId };
  return {
    domains: await owner.mailDomain.findMany({ where, orderBy: { id: "asc" }, select: { id: true, name: true, isDefault: true, dnsCheck: true, dnsCheckedAt: true } }),
    mailboxes: await owner.mailbox.findMany({ where, orderBy: { id: "asc" }, select: { id: true, kind: true, displayName: true, userId: true } }),
    members: await owner.mailboxMember.findMany({ where, orderBy: [{ mailboxId: "asc" }, { userId: "asc" }] }),
    addresses: await owner.mailAddress.findMany({ where, orderBy: { id: "asc" }, select: { id: true, address: true, mailboxId: true, isPrimary: true } }),
    folders: await owner.mailFolder.count({ where }),
    settings: await owner.mailSettings.findUnique({ where }),
  };
}

describe("mail domains", () => {
  it("adds a domain with its four records, lists the default first, and removes it", async () => {
    const admin = await newOrganization("maildomains");
    const name = uniqueDomain("Acme");
    const added = await admin.caller.mailAdmin.addDomain({ name: `  ${name.toUpperCase()}. ` });
    expect(added.name).toBe(name.toLowerCase());
    expect(added.records.map((r) => r.kind)).toEqual(["MX", "SPF", "DKIM", "DMARC"]);

    const domains = await admin.caller.mailAdmin.domains();
    expect(domains).toHaveLength(2);
    expect(domains[0]!.isDefault).toBe(true);
    expect(domains[0]!.name).toMatch(/\.awan\.localhost$/);
    const acme = domains.find((d) => d.id === added.id)!;
    expect(acme.records.find((r) => r.kind === "DKIM")).toMatchObject({ host: `awan._domainkey.${name.toLowerCase()}`, value: expect.stringMatching(/^v=DKIM1; k=rsa; p=MII/) });
    const stored = await owner.mailDomain.findUniqueOrThrow({ where: { id: added.id }, select: { dkimPrivateKey: true, organizationId: true } });
    expect(stored.organizationId).toBe(admin.organizationId);
    expect(Buffer.from(stored.dkimPrivateKey).toString("latin1")).not.toContain("PRIVATE KEY"); // sealed, not PEM

    await expect(admin.caller.mailAdmin.addDomain({ name })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(admin.caller.mailAdmin.removeDomain({ domainId: domains[0]!.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await admin.caller.mailAdmin.removeDomain({ domainId: added.id });
    expect((await admin.caller.mailAdmin.domains()).map((d) => d.id)).toEqual([domains[0]!.id]);
  });

  it("accepts an international name in punycode and refuses hostile or unusable names, changing nothing", async () => {
    const admin = await newOrganization("mailidn");
    const label = `bücher-${crypto.randomUUID().slice(0, 6)}`;
    const idn = await admin.caller.mailAdmin.addDomain({ name: `${label}.de` });
    expect(idn.name).toMatch(/^xn--.+\.de$/);

    const before = await mailRowsOf(admin.organizationId);
    const hostile = [
      "localhost", "1.2.3.4", "example.com\r\nMAIL FROM:<x@y>", "x@example.com", "example.com:25", "../etc/passwd", "exa mple.com",
      "_dmarc.example.com", "example.test", "a".repeat(300), `${crypto.randomUUID().slice(0, 6)}.awan.localhost`, "awan.localhost",
    ];
    for (const name of hostile) {
      await expect(admin.caller.mailAdmin.addDomain({ name }), name).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await mailRowsOf(admin.organizationId)).toEqual(before);
  });

  it("refuses a domain another organization holds with CONFLICT, without naming that organization", async () => {
    const first = await newOrganization("mailfirst");
    const second = await newOrganization("mailsecond");
    const name = uniqueDomain("taken");
    await first.caller.mailAdmin.addDomain({ name });
    const before = await mailRowsOf(second.organizationId);
    const refusal = await refusalOf(second.caller.mailAdmin.addDomain({ name: name.toUpperCase() }));
    expect(refusal).toMatchObject({ code: "CONFLICT" });
    expect(refusal.message).toContain("already in use on this server");
    const firstOrg = await owner.organization.findUniqueOrThrow({ where: { id: first.organizationId }, select: { name: true, slug: true } });
    expect(refusal.message).not.toContain(firstOrg.name);
    expect(refusal.message).not.toContain(firstOrg.slug);
    expect(refusal.message).not.toContain(first.email);
    expect(await mailRowsOf(second.organizationId)).toEqual(before);
  });

  it("keeps a domain that is someone's main address, and removes one with aliases only when confirmed", async () => {
    const admin = await newOrganization("mailremove");
    const domain = await admin.caller.mailAdmin.addDomain({ name: uniqueDomain("remove") });
    const [mine] = await admin.caller.mailAdmin.mailboxes();
    const alias = await admin.caller.mailAdmin.addAlias({ mailboxId: mine!.id, localPart: "sales", domainId: domain.id });

    const unconfirmed = await refusalOf(admin.caller.mailAdmin.removeDomain({ domainId: domain.id }));
    expect(unconfirmed).toMatchObject({ code: "CONFLICT" });
    expect(unconfirmed.message).toContain(alias.address);

    await admin.caller.mailAdmin.setPrimaryAddress({ addressId: alias.id });
    await expect(admin.caller.mailAdmin.removeDomain({ domainId: domain.id, removeAliases: true })).rejects.toMatchObject({ code: "CONFLICT" });
    const defaultAddress = mine!.addresses.find((a) => a.isPrimary)!;
    await admin.caller.mailAdmin.setPrimaryAddress({ addressId: defaultAddress.id });

    expect(await admin.caller.mailAdmin.removeDomain({ domainId: domain.id, removeAliases: true })).toEqual({ removedAddresses: 1 });
    const after = await mailRowsOf(admin.organizationId);
    expect(after.addresses.map((a) => a.address)).toEqual([defaultAddress.address]);
    expect(after.addresses[0]!.isPrimary).toBe(true);
  });
});

describe("DNS check", () => {
  it("stores what a resolver found per record: all found, a wrong DKIM key, a failing resolver", async () => {
    const admin = await newOrganization("maildns");
    const added = await admin.caller.mailAdmin.addDomain({ name: uniqueDomain("dns") });
    const value = (kind: string) => added.records.find((r) => r.kind === kind)!;
    const zone: Record<string, string[][]> = {
      [value("SPF").host]: [[value("SPF").value]],
      [value("DKIM").host]: [[value("DKIM").value]],
      [value("DMARC").host]: [[value("DMARC").value]],
    };
    const resolver = (dkim: string[][] | null): DnsResolver => ({
      resolveNs: async () => ["a.root-servers.net"],
      resolveMx: async () => [{ exchange: value("MX").value, priority: 10 }],
      resolveTxt: async (host) => {
        const txt = host === value("DKIM").host ? dkim : zone[host];
        if (!txt) throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
        return txt;
      },
    });
    const check = (dnsResolver: DnsResolver) =>
      withTenantScope(getDatabase(), { organizationId: admin.organizationId }, (tx) => checkMailDomainDns(tx, admin.organizationId, added.id, { resolver: dnsResolver }));
    const storedStatuses = async () => {
      const domain = (await admin.caller.mailAdmin.domains()).find((d) => d.id === added.id)!;
      expect(domain.dnsCheckedAt).toBeInstanceOf(Date);
      return domain.dnsCheck!.records.map((r) => `${r.kind}:${r.status}`);
    };

    await check(resolver(zone[value("DKIM").host]!));
    expect(await storedStatuses()).toEqual(["MX:FOUND", "SPF:FOUND", "DKIM:FOUND", "DMARC:FOUND"]);

    await check(resolver([["v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnotours"]]));
    expect(await storedStatuses()).toEqual(["MX:FOUND", "SPF:FOUND", "DKIM:MISMATCH", "DMARC:FOUND"]);

    const failing: DnsResolver = {
      resolveNs: async () => { throw Object.assign(new Error("ECONNREFUSED"), { code: "ECONNREFUSED" }); },
      resolveMx: async () => { throw Object.assign(new Error("ECONNREFUSED"), { code: "ECONNREFUSED" }); },
      resolveTxt: async () => { throw Object.assign(new Error("ECONNREFUSED"), { code: "ECONNREFUSED" }); },
    };
    await check(failing);
    expect(await storedStatuses()).toEqual(["MX:UNCHECKED", "SPF:UNCHECKED", "DKIM:UNCHECKED", "DMARC:UNCHECKED"]);
  });

  it("answers checkDns with this server's own resolver and keeps the result", async () => {
    const admin = await newOrganization("maildnsreal");
    const added = await admin.caller.mailAdmin.addDomain({ name: uniqueDomain("ownresolver") });
    const result = await admin.caller.mailAdmin.checkDns({ domainId: added.id });
    expect(result.records.map((r) => r.kind)).toEqual(["MX", "SPF", "DKIM", "DMARC"]);
    // Whatever this machine's DNS says (offline here: could not check), nobody published these records.
    for (const record of result.records) expect(["MISSING", "UNCHECKED"]).toContain(record.status);
    const stored = await owner.mailDomain.findUniqueOrThrow({ where: { id: added.id }, select: { dnsCheck: true, dnsCheckedAt: true } });
    expect(stored.dnsCheck).toEqual({ records: result.records });
    expect(stored.dnsCheckedAt).toEqual(result.checkedAt);
  });
});

describe("addresses and aliases", () => {
  it("shows who has which address and usage against the quota, and keeps aliases unique and well-formed", async () => {
    const admin = await newOrganization("mailalias");
    const colleague = await colleagueOf(admin, "MEMBER");
    const mailboxes = await admin.caller.mailAdmin.mailboxes();
    expect(mailboxes).toHaveLength(2);
    for (const m of mailboxes) {
      expect(m.usedBytes).toBe(0);
      expect(m.quotaBytes).toBe(524_288_000);
      expect(m.addresses.filter((a) => a.isPrimary)).toHaveLength(1);
    }
    const mine = mailboxes.find((m) => m.owner?.id === admin.userId)!;
    const theirs = mailboxes.find((m) => m.owner?.id === colleague.userId)!;
    const [defaultDomain] = await admin.caller.mailAdmin.domains();

    const alias = await admin.caller.mailAdmin.addAlias({ mailboxId: mine.id, localPart: " Billing.Team ", domainId: defaultDomain!.id });
    expect(alias.address).toBe(`billing.team@${defaultDomain!.name}`);
    await expect(admin.caller.mailAdmin.addAlias({ mailboxId: theirs.id, localPart: "billing.team", domainId: defaultDomain!.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already an alias"),
    });
    const theirPrimary = theirs.addresses.find((a) => a.isPrimary)!.address;
    await expect(
      admin.caller.mailAdmin.addAlias({ mailboxId: mine.id, localPart: theirPrimary.split("@")[0]!, domainId: defaultDomain!.id }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("main address") });

    const before = await mailRowsOf(admin.organizationId);
    for (const localPart of ["", "a b", "a+b", ".dot", "dot.", "a..b", "ü", "x@y", "a\r\nb", "x".repeat(65)]) {
      await expect(admin.caller.mailAdmin.addAlias({ mailboxId: mine.id, localPart, domainId: defaultDomain!.id }), localPart).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(admin.caller.mailAdmin.removeAlias({ addressId: theirs.addresses[0]!.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await mailRowsOf(admin.organizationId)).toEqual(before);

    await admin.caller.mailAdmin.removeAlias({ addressId: alias.id });
    expect((await admin.caller.mailAdmin.mailboxes()).find((m) => m.id === mine.id)!.addresses.map((a) => a.address)).toEqual(
      mine.addresses.map((a) => a.address),
    );
  });
});

describe("shared mailboxes", () => {
  it("creates support@ with its folders and members, takes only people of the organization, renames and deletes it", async () => {
    const admin = await newOrganization("mailshared");
    const colleague = await colleagueOf(admin, "MEMBER");
    const outsider = await newOrganization("mailoutsider");
    const [domain] = await admin.caller.mailAdmin.domains();

    const before = await mailRowsOf(admin.organizationId);
    await expect(
      admin.caller.mailAdmin.createSharedMailbox({ displayName: "Support", localPart: "support", domainId: domain!.id, memberIds: [outsider.userId] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await mailRowsOf(admin.organizationId)).toEqual(before);

    const support = await admin.caller.mailAdmin.createSharedMailbox({ displayName: "Support", localPart: "support", domainId: domain!.id, memberIds: [colleague.userId] });
    expect(support.address).toBe(`support@${domain!.name}`);
    expect(await owner.mailFolder.count({ where: { mailboxId: support.id } })).toBe(6);
    await expect(
      admin.caller.mailAdmin.createSharedMailbox({ displayName: "Support again", localPart: "support", domainId: domain!.id }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    await expect(admin.caller.mailAdmin.addSharedMailboxMember({ mailboxId: support.id, userId: outsider.userId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await admin.caller.mailAdmin.addSharedMailboxMember({ mailboxId: support.id, userId: admin.userId });
    await admin.caller.mailAdmin.renameSharedMailbox({ mailboxId: support.id, displayName: "Customer support" });
    let [listed] = await admin.caller.mailAdmin.sharedMailboxes();
    expect(listed).toMatchObject({ displayName: "Customer support", messageCount: 0, usedBytes: 0 });
    expect(listed!.members.map((m) => m.id).sort()).toEqual([admin.userId, colleague.userId].sort());
    // The colleague now has it next to their own mailbox (what the Mail page lists).
    const seen = await owner.mailbox.findMany({ where: { organizationId: admin.organizationId, members: { some: { userId: colleague.userId } } }, select: { id: true } });
    expect(seen.map((m) => m.id)).toEqual([support.id]);

    await admin.caller.mailAdmin.removeSharedMailboxMember({ mailboxId: support.id, userId: colleague.userId });
    await expect(admin.caller.mailAdmin.removeSharedMailboxMember({ mailboxId: support.id, userId: colleague.userId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    [listed] = await admin.caller.mailAdmin.sharedMailboxes();
    expect(listed!.members.map((m) => m.id)).toEqual([admin.userId]);

    // A personal mailbox is not a shared one.
    const personal = (await admin.caller.mailAdmin.mailboxes())[0]!;
    await expect(admin.caller.mailAdmin.deleteSharedMailbox({ mailboxId: personal.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await admin.caller.mailAdmin.deleteSharedMailbox({ mailboxId: support.id });
    expect(await admin.caller.mailAdmin.sharedMailboxes()).toEqual([]);
    expect(await owner.mailAddress.count({ where: { address: support.address } })).toBe(0);
  });

  it("shows a shared mailbox's mail against the quota, and deletes it with its mail only when told to", async () => {
    const admin = await newOrganization("mailshareddel");
    const [domain] = await admin.caller.mailAdmin.domains();
    const sales = await admin.caller.mailAdmin.createSharedMailbox({ displayName: "Sales", localPart: "sales", domainId: domain!.id });
    const raw = Buffer.from(`From: buyer@example.org\r\nTo: ${sales.address}\r\nSubject: Order\r\nMessage-ID: <${crypto.randomUUID()}@example.org>\r\n\r\nTen crates, please.\r\n`);
    for (const folder of ["INBOX", "TRASH"] as const) {
      await withTenantScope(getDatabase(), { organizationId: admin.organizationId }, (tx) =>
        storeMailMessage(tx, { organizationId: admin.organizationId, mailboxId: sales.id, folder, raw }),
      );
    }
    const [listed] = await admin.caller.mailAdmin.sharedMailboxes();
    expect(listed).toMatchObject({ messageCount: 2, usedBytes: 2 * raw.length, quotaBytes: 524_288_000 });
    const blobIds = (await owner.mailMessage.findMany({ where: { mailboxId: sales.id }, select: { blobId: true } })).map((m) => m.blobId);

    const before = await mailRowsOf(admin.organizationId);
    const refusal = await refusalOf(admin.caller.mailAdmin.deleteSharedMailbox({ mailboxId: sales.id }));
    expect(refusal).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("still holds 2 messages") });
    expect(await mailRowsOf(admin.organizationId)).toEqual(before);

    expect(await admin.caller.mailAdmin.deleteSharedMailbox({ mailboxId: sales.id, deleteMessages: true })).toEqual({ deletedMessages: 2 });
    expect(await owner.mailbox.count({ where: { id: sales.id } })).toBe(0);
    expect(await owner.mailMessage.count({ where: { mailboxId: sales.id } })).toBe(0);
    expect(await owner.blob.count({ where: { id: { in: blobIds } } })).toBe(0);
  });
});

describe("mail settings", () => {
  it("shows the defaults until saved, saves the quota, and refuses values out of bounds", async () => {
    const admin = await newOrganization("mailsettings");
    expect(await admin.caller.mailAdmin.settings()).toEqual({ mailboxQuotaBytes: 524_288_000, maxMessageBytes: 26_214_400, sendLimitPerHour: 200, isDefault: true });
    expect(await owner.mailSettings.count({ where: { organizationId: admin.organizationId } })).toBe(0);

    const saved = await admin.caller.mailAdmin.updateSettings({ mailboxQuotaBytes: 1024 ** 3, maxMessageBytes: 10 * 1024 * 1024, sendLimitPerHour: 50 });
    expect(saved).toEqual({ mailboxQuotaBytes: 1024 ** 3, maxMessageBytes: 10 * 1024 * 1024, sendLimitPerHour: 50, isDefault: false });
    expect((await admin.caller.mailAdmin.mailboxes())[0]!.quotaBytes).toBe(1024 ** 3);

    for (const bad of [{ mailboxQuotaBytes: 0 }, { maxMessageBytes: 1024 ** 3 }, { sendLimitPerHour: -1 }, { sendLimitPerHour: 1.5 }]) {
      await expect(admin.caller.mailAdmin.updateSettings({ ...saved, ...bad })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await admin.caller.mailAdmin.settings()).toMatchObject({ mailboxQuotaBytes: 1024 ** 3, sendLimitPerHour: 50 });
  });
});

describe("who may administer mail", () => {
  let admin: Person;
  let member: Person;
  let other: Person;
  let ids: { domainId: string; mailboxId: string; addressId: string; sharedId: string; userId: string };
  let inputs: Record<string, (p: Person) => Promise<unknown>>;

  beforeAll(async () => {
    admin = await newOrganization("mailperm");
    member = await colleagueOf(admin, "MEMBER");
    other = await newOrganization("mailpermother");
    const domain = await admin.caller.mailAdmin.addDomain({ name: uniqueDomain("perm") });
    const [mailbox] = await admin.caller.mailAdmin.mailboxes();
    const alias = await admin.caller.mailAdmin.addAlias({ mailboxId: mailbox!.id, localPart: "team", domainId: domain.id });
    const shared = await admin.caller.mailAdmin.createSharedMailbox({ displayName: "Help", localPart: "help", domainId: domain.id, memberIds: [member.userId] });
    ids = { domainId: domain.id, mailboxId: mailbox!.id, addressId: alias.id, sharedId: shared.id, userId: member.userId };
    inputs = {
      domains: (p) => p.caller.mailAdmin.domains(),
      addDomain: (p) => p.caller.mailAdmin.addDomain({ name: uniqueDomain("planted") }),
      removeDomain: (p) => p.caller.mailAdmin.removeDomain({ domainId: ids.domainId, removeAliases: true }),
      checkDns: (p) => p.caller.mailAdmin.checkDns({ domainId: ids.domainId }),
      mailboxes: (p) => p.caller.mailAdmin.mailboxes(),
      addAlias: (p) => p.caller.mailAdmin.addAlias({ mailboxId: ids.mailboxId, localPart: "planted", domainId: ids.domainId }),
      removeAlias: (p) => p.caller.mailAdmin.removeAlias({ addressId: ids.addressId }),
      setPrimaryAddress: (p) => p.caller.mailAdmin.setPrimaryAddress({ addressId: ids.addressId }),
      sharedMailboxes: (p) => p.caller.mailAdmin.sharedMailboxes(),
      createSharedMailbox: (p) => p.caller.mailAdmin.createSharedMailbox({ displayName: "Planted", localPart: "planted", domainId: ids.domainId, memberIds: [] }),
      renameSharedMailbox: (p) => p.caller.mailAdmin.renameSharedMailbox({ mailboxId: ids.sharedId, displayName: "Taken over" }),
      addSharedMailboxMember: (p) => p.caller.mailAdmin.addSharedMailboxMember({ mailboxId: ids.sharedId, userId: p.userId }),
      removeSharedMailboxMember: (p) => p.caller.mailAdmin.removeSharedMailboxMember({ mailboxId: ids.sharedId, userId: ids.userId }),
      deleteSharedMailbox: (p) => p.caller.mailAdmin.deleteSharedMailbox({ mailboxId: ids.sharedId }),
      settings: (p) => p.caller.mailAdmin.settings(),
      updateSettings: (p) => p.caller.mailAdmin.updateSettings({ mailboxQuotaBytes: 1024 * 1024, maxMessageBytes: 64 * 1024, sendLimitPerHour: 1 }),
    };
  });

  it("has a case for every procedure", async () => {
    const { mailAdminRouter } = await import("./admin-router");
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(mailAdminRouter._def.procedures).sort());
  });

  it("refuses every procedure to a member, changing nothing", async () => {
    const before = await mailRowsOf(admin.organizationId);
    for (const [name, call] of Object.entries(inputs)) {
      await expect(call(member), name).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await mailRowsOf(admin.organizationId)).toEqual(before);
  });

  it("refuses another organization's administrator every id of this one, with zero rows changed", async () => {
    const before = await mailRowsOf(admin.organizationId);
    const withIds = ["removeDomain", "checkDns", "addAlias", "removeAlias", "setPrimaryAddress", "renameSharedMailbox", "addSharedMailboxMember", "removeSharedMailboxMember", "deleteSharedMailbox"];
    for (const name of withIds) {
      await expect(inputs[name]!(other), name).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    // And the outsider's own domain cannot hold this organization's mailbox.
    const [theirDomain] = await other.caller.mailAdmin.domains();
    await expect(other.caller.mailAdmin.addAlias({ mailboxId: ids.mailboxId, localPart: "stolen", domainId: theirDomain!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      other.caller.mailAdmin.createSharedMailbox({ displayName: "Stolen", localPart: "stolen", domainId: ids.domainId, memberIds: [] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Lists show only the outsider's own organization.
    const seen = JSON.stringify([await other.caller.mailAdmin.domains(), await other.caller.mailAdmin.mailboxes(), await other.caller.mailAdmin.sharedMailboxes()]);
    for (const id of Object.values(ids)) expect(seen).not.toContain(id);
    expect(await mailRowsOf(admin.organizationId)).toEqual(before);
  });
});
