import { describe, expect, it } from "vitest";
import { newColleague, newFilesOwner, useOwnerDatabase, useTransferServer } from "../../files/testing/files-fixture";
import { hashSecretToken } from "../../secret-token";

const transfer = useTransferServer();
const owner = useOwnerDatabase();
const DAY = 24 * 3600_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

describe("making public links", () => {
  it("gives a 192-bit URL-safe token once; only its hash is stored and the list never shows it", async () => {
    const me = await newFilesOwner("links");
    const file = await transfer.upload(me, "report.txt", "quarterly numbers");
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const created = await me.caller.links.create({ itemId: file.id });
      expect(created.token).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 random bytes: 192 bits
      expect(Buffer.from(created.token, "base64url")).toHaveLength(24);
      expect(created.path).toBe(`/s/${created.token}`);
      tokens.add(created.token);
      const row = await owner.shareLink.findUniqueOrThrow({ where: { id: created.link.id } });
      expect(row.tokenHash).toBe(hashSecretToken(created.token));
      expect(JSON.stringify(row)).not.toContain(created.token);
    }
    expect(tokens.size).toBe(5);
    const listed = await me.caller.links.list({ itemId: file.id });
    expect(listed).toHaveLength(5);
    for (const token of tokens) expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed[0]).toMatchObject({ mode: "VIEW", hasPassword: false, expiresAt: null, maxDownloads: null, downloadCount: 0, state: "active" });
    expect(listed[0]).not.toHaveProperty("passwordHash");
  });

  it("stores the password with argon2id, never in clear", async () => {
    const me = await newFilesOwner("links");
    const file = await transfer.upload(me, "secret.txt", "s");
    const { link } = await me.caller.links.create({ itemId: file.id, password: "open sesame 42", expiresAt: inDays(3), maxDownloads: 5 });
    expect(link).toMatchObject({ hasPassword: true, maxDownloads: 5 });
    const row = await owner.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("makes file drops only for folders, and refuses a download limit on them", async () => {
    const me = await newFilesOwner("links");
    const file = await transfer.upload(me, "a.txt", "a");
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Inbox" });
    await expect(me.caller.links.create({ itemId: file.id, mode: "DROP" })).rejects.toThrow("A file drop needs a folder");
    await expect(me.caller.links.create({ itemId: folder.id, mode: "DROP", maxDownloads: 3 })).rejects.toThrow("leave the download limit empty");
    const { link } = await me.caller.links.create({ itemId: folder.id, mode: "DROP" });
    expect(link.mode).toBe("DROP");
  });

  it("applies the organization's policy: a password when required, an expiry within the maximum", async () => {
    const me = await newFilesOwner("links");
    const file = await transfer.upload(me, "policy.txt", "p");
    await me.caller.fileSettings.update({ quotaBytes: null, personQuotaBytes: null, keepAllVersionsDays: 30, keepVersionsDays: 365, linkPasswordRequired: true, linkMaxExpiryDays: 7 });
    expect(await me.caller.fileSettings.get()).toMatchObject({ linkPasswordRequired: true, linkMaxExpiryDays: 7 });

    await expect(me.caller.links.create({ itemId: file.id, expiresAt: inDays(1) })).rejects.toThrow("Your organization requires a password on public links");
    await expect(me.caller.links.create({ itemId: file.id, password: "long enough" })).rejects.toThrow("expire within 7 days");
    await expect(me.caller.links.create({ itemId: file.id, password: "long enough", expiresAt: inDays(8) })).rejects.toThrow("expire within 7 days");
    await expect(me.caller.links.create({ itemId: file.id, password: "long enough", expiresAt: new Date(Date.now() - 1000) })).rejects.toThrow("in the future");
    const { link } = await me.caller.links.create({ itemId: file.id, password: "long enough", expiresAt: inDays(6) });

    // Changes are held to the same policy; settings saved without the policy fields leave it as it was.
    await expect(me.caller.links.update({ linkId: link.id, password: null })).rejects.toThrow("requires a password");
    await expect(me.caller.links.update({ linkId: link.id, expiresAt: null })).rejects.toThrow("expire within 7 days");
    await me.caller.fileSettings.update({ quotaBytes: null, personQuotaBytes: null, keepAllVersionsDays: 30, keepVersionsDays: 365 });
    expect(await me.caller.fileSettings.get()).toMatchObject({ linkPasswordRequired: true, linkMaxExpiryDays: 7 });
    expect(await me.caller.links.update({ linkId: link.id, expiresAt: inDays(2), maxDownloads: 10 })).toMatchObject({ maxDownloads: 10, hasPassword: true });
  });

  it("changes and turns off links, and logs who made and ended them", async () => {
    const me = await newFilesOwner("links");
    const file = await transfer.upload(me, "log.txt", "l");
    const { link } = await me.caller.links.create({ itemId: file.id, password: "first password" });
    await owner.shareLink.update({ where: { id: link.id }, data: { failedAttempts: 10, lockedUntil: inDays(1) } });
    // A new password starts the wrong-guess count over.
    expect(await me.caller.links.update({ linkId: link.id, password: "second password" })).toMatchObject({ hasPassword: true, locked: false });
    expect(await owner.shareLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect(await me.caller.links.revoke({ linkId: link.id })).toMatchObject({ state: "revoked" });
    await expect(me.caller.links.update({ linkId: link.id, maxDownloads: 2 })).rejects.toThrow("turned off");

    const { entries } = await me.caller.activity.list({});
    const summaries = entries.filter((e) => e.action.startsWith("link.")).map((e) => [e.actor, e.summary]);
    expect(summaries).toEqual([
      [me.name, "Turned off a public link to “log.txt”"],
      [me.name, "Changed a public link to “log.txt”"],
      [me.name, "Made a public link to “log.txt” (with a password)"],
    ]);
  });

  it("lets only people who can edit the item manage its links", async () => {
    const me = await newFilesOwner("links");
    const file = await transfer.upload(me, "mine.txt", "m");
    const { link } = await me.caller.links.create({ itemId: file.id });
    const colleague = await newColleague(me);
    await expect(colleague.caller.links.create({ itemId: file.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(colleague.caller.links.list({ itemId: file.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(colleague.caller.links.revoke({ linkId: link.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await owner.shareLink.findUniqueOrThrow({ where: { id: link.id } })).revokedAt).toBeNull();
  });

  it("refuses another organization's items and links (cross-tenant)", async () => {
    const a = await newFilesOwner("links-a");
    const b = await newFilesOwner("links-b");
    const bFile = await transfer.upload(b, "b-only.txt", "b");
    const { link } = await b.caller.links.create({ itemId: bFile.id });
    const refused = { code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) };
    await expect(a.caller.links.create({ itemId: bFile.id })).rejects.toMatchObject(refused);
    await expect(a.caller.links.list({ itemId: bFile.id })).rejects.toMatchObject(refused);
    await expect(a.caller.links.update({ linkId: link.id, maxDownloads: 1 })).rejects.toMatchObject(refused);
    await expect(a.caller.links.revoke({ linkId: link.id })).rejects.toMatchObject(refused);
    expect(await owner.shareLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ revokedAt: null, maxDownloads: null });
    expect(await owner.shareLink.count({ where: { itemId: bFile.id } })).toBe(1);
  });
});
