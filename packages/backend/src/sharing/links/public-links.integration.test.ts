// Anonymous visitors of public links, over real HTTP: what they may see,
// download and upload, and every way a link stops working.
import { describe, expect, it } from "vitest";
import { itemNamed, newFilesOwner, useOwnerDatabase, useTransferServer, type FilesPerson } from "../../files/testing/files-fixture";
import { unzipText } from "../../testing/unzip";
import { usePublicLinkServer } from "./testing/links-fixture";

const transfer = useTransferServer();
const owner = useOwnerDatabase();
const { visitor } = usePublicLinkServer();

const message = async (response: Response) => ((await response.json()) as { message: string }).message;

/** A person with a folder "Project" holding notes.txt and Drafts/plan.txt, next to private.txt outside it. */
async function projectOf(who: FilesPerson) {
  const project = await who.caller.files.createFolder({ parentId: null, name: "Project" });
  const drafts = await who.caller.files.createFolder({ parentId: project.id, name: "Drafts" });
  const notes = await transfer.upload(who, "notes.txt", "0123456789", { folderId: project.id });
  const plan = await transfer.upload(who, "plan.txt", "the plan", { folderId: drafts.id });
  const outside = await transfer.upload(who, "private.txt", "not in the link");
  return { project, drafts, notes, plan, outside };
}

describe("a link to a file", () => {
  it("shows the file and downloads it with ranges; each download from the first byte counts", async () => {
    const me = await newFilesOwner("public");
    const file = await transfer.upload(me, "numbers.txt", "0123456789");
    const { token, link } = await me.caller.links.create({ itemId: file.id });
    const anyone = visitor(token);

    const info = await anyone.info();
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ mode: "VIEW", item: { id: file.id, kind: "FILE", name: "numbers.txt", size: 10 }, downloadsLeft: null });

    const whole = await anyone.content(file.id);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(whole.headers.get("content-security-policy")).toContain("sandbox");
    expect(await whole.text()).toBe("0123456789");
    const part = await anyone.content(file.id, { range: "bytes=2-5" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 2-5/10");
    expect(await part.text()).toBe("2345");
    expect((await owner.shareLink.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(1);
  });

  it("stops at its download limit, even for downloads at the same moment", async () => {
    const me = await newFilesOwner("public");
    const file = await transfer.upload(me, "once.txt", "only twice");
    const { token } = await me.caller.links.create({ itemId: file.id, maxDownloads: 2 });
    const anyone = visitor(token);
    expect(await (await anyone.info()).json()).toMatchObject({ downloadsLeft: 2 });
    const statuses = await Promise.all([1, 2, 3, 4].map(async () => (await anyone.content(file.id)).status));
    expect(statuses.sort()).toEqual([200, 200, 410, 410]);
    const refused = await anyone.content(file.id);
    expect(refused.status).toBe(410);
    expect(await refused.text()).toBe("This link reached its download limit.");
    const page = await anyone.info();
    expect(page.status).toBe(410);
    expect(await message(page)).toBe("This link reached its download limit.");
    expect((await me.caller.links.list({ itemId: file.id }))[0]).toMatchObject({ downloadCount: 2, state: "used-up" });
  });

  it("says why it no longer works: expired, turned off, item in the trash, unknown — naming nothing", async () => {
    const me = await newFilesOwner("public");
    const file = await transfer.upload(me, "gone-soon.txt", "bye");
    const expiring = await me.caller.links.create({ itemId: file.id, expiresAt: new Date(Date.now() + 3600_000) });
    const revoked = await me.caller.links.create({ itemId: file.id });
    const trashed = await me.caller.links.create({ itemId: file.id });
    expect((await visitor(expiring.token).info()).status).toBe(200);

    await owner.shareLink.update({ where: { id: expiring.link.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await visitor(expiring.token).info();
    expect([expired.status, await message(expired)]).toEqual([410, "This link has expired."]);
    expect((await visitor(expiring.token).content(file.id)).status).toBe(410);

    await me.caller.links.revoke({ linkId: revoked.link.id });
    const off = await visitor(revoked.token).info();
    expect([off.status, await message(off)]).toEqual([410, "This link was turned off by the person who shared it."]);

    await me.caller.files.trash({ itemIds: [file.id] });
    const inTrash = await visitor(trashed.token).info();
    expect(inTrash.status).toBe(410);
    const text = await message(inTrash);
    expect(text).toBe("What this link shared is no longer available.");
    expect((await visitor(trashed.token).content(file.id)).status).toBe(410);

    for (const token of ["A".repeat(32), "not-a-token", revoked.token.slice(0, 31) + (revoked.token.endsWith("A") ? "B" : "A")]) {
      const unknown = await visitor(token).info();
      expect([unknown.status, await message(unknown)]).toEqual([404, "This link does not exist. Check that it was copied whole."]);
    }
  });
});

describe("a password on a link", () => {
  it("is asked before anything is shown; the right one gives a cookie for this link only", async () => {
    const me = await newFilesOwner("public");
    const file = await transfer.upload(me, "locked.txt", "behind a password");
    const other = await transfer.upload(me, "other.txt", "another link");
    const { token } = await me.caller.links.create({ itemId: file.id, password: "right password" });
    const second = await me.caller.links.create({ itemId: other.id, password: "right password" });
    const anyone = visitor(token);

    const asked = await anyone.info();
    expect(asked.status).toBe(401);
    expect(await asked.text()).not.toContain("locked.txt");
    expect((await anyone.content(file.id)).status).toBe(401);
    expect((await anyone.unlock("right password")).status).toBe(204);
    expect(anyone.cookie).toMatch(/^awan_link=\d+\.[\w-]+$/);
    expect(await (await anyone.info()).json()).toMatchObject({ item: { name: "locked.txt" } });
    expect(await (await anyone.content(file.id)).text()).toBe("behind a password");

    // The same cookie does not open another link with the same password, nor survives a forged expiry.
    const elsewhere = visitor(second.token);
    elsewhere.cookie = anyone.cookie;
    expect((await elsewhere.info()).status).toBe(401);
    const forged = visitor(token);
    forged.cookie = anyone.cookie!.replace(/=\d+/, `=${Date.now() + 10 * 365 * 24 * 3600_000}`);
    expect((await forged.info()).status).toBe(401);
  });

  it("slows wrong guesses, then refuses every password for a while and says when to try again", async () => {
    const me = await newFilesOwner("public");
    const file = await transfer.upload(me, "guarded.txt", "g");
    const { token, link } = await me.caller.links.create({ itemId: file.id, password: "right password" });
    const guesser = visitor(token);

    for (let i = 0; i < 2; i++) {
      const wrong = await guesser.unlock(`guess ${i}`);
      expect([wrong.status, await message(wrong)]).toEqual([403, "That password is not right."]);
    }
    const slowed = await guesser.unlock("guess 3");
    expect(slowed.status).toBe(429);
    expect(await message(slowed)).toMatch(/^That password is not right\. Too many wrong tries: try again in 2 seconds/);
    expect(Number(slowed.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // While it waits, even the right password is refused, and the wait is said again.
    const waiting = await guesser.unlock("right password");
    expect([waiting.status, await message(waiting)]).toEqual([429, expect.stringMatching(/^Too many wrong passwords: try again in \d seconds/)]);
    expect(guesser.cookie).toBeNull();

    // After the tenth wrong guess in a row it is refused for fifteen minutes.
    await owner.shareLink.update({ where: { id: link.id }, data: { failedAttempts: 9, lockedUntil: null } });
    const locked = await guesser.unlock("guess 10");
    expect(await message(locked)).toMatch(/try again in 15 minutes \(after \d\d:\d\d:\d\d UTC\)/);
    const row = await owner.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.failedAttempts).toBe(10);
    expect(row.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect((await me.caller.links.list({ itemId: file.id }))[0]).toMatchObject({ locked: true });

    // Once the wait is over, the right password works and the count starts over.
    await owner.shareLink.update({ where: { id: link.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await guesser.unlock("right password")).status).toBe(204);
    expect(await owner.shareLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });
});

describe("a link to a folder", () => {
  it("browses inside the folder only, with breadcrumbs from the linked folder", async () => {
    const me = await newFilesOwner("public");
    const { project, drafts, plan, outside } = await projectOf(me);
    const { token } = await me.caller.links.create({ itemId: project.id });
    const anyone = visitor(token);

    const top = (await (await anyone.folder()).json()) as { path: { name: string }[]; items: { name: string; kind: string }[] };
    expect(top.path.map((p) => p.name)).toEqual(["Project"]);
    expect(top.items.map((i) => [i.kind, i.name])).toEqual([["FOLDER", "Drafts"], ["FILE", "notes.txt"]]);
    const inner = (await (await anyone.folder(drafts.id)).json()) as { path: { id: string; name: string }[]; items: { name: string }[] };
    expect(inner.path).toEqual([{ id: project.id, name: "Project" }, { id: drafts.id, name: "Drafts" }]);
    expect(inner.items.map((i) => i.name)).toEqual(["plan.txt"]);
    expect(await (await anyone.content(plan.id)).text()).toBe("the plan");

    // Anything outside the linked folder is refused as not part of the link, whatever the route.
    const parentOfLink = (await me.caller.files.list({ folderId: project.id })).path;
    expect(parentOfLink.map((p) => p.name)).toEqual(["Project"]);
    const outsideContent = await anyone.content(outside.id);
    expect([outsideContent.status, await outsideContent.text()]).toEqual([404, "This file is not part of this link."]);
    expect((await anyone.folder(outside.id)).status).toBe(404);
    expect((await anyone.zip([outside.id])).status).toBe(404);
    expect((await anyone.zip([plan.id, outside.id])).status).toBe(404);
    // Trashed inside the folder: gone from the link too.
    await me.caller.files.trash({ itemIds: [plan.id] });
    expect((await anyone.content(plan.id)).status).toBe(404);
  });

  it("downloads the whole folder or a selection as a zip, counted as one download", async () => {
    const me = await newFilesOwner("public");
    const { project, drafts, notes } = await projectOf(me);
    const { token, link } = await me.caller.links.create({ itemId: project.id, maxDownloads: 5 });
    const anyone = visitor(token);

    const whole = await anyone.zip();
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-disposition")).toContain("Project.zip");
    expect(await unzipText(Buffer.from(await whole.arrayBuffer()))).toEqual({ "Project/": "", "Project/Drafts/": "", "Project/notes.txt": "0123456789", "Project/Drafts/plan.txt": "the plan" });
    const picked = await anyone.zip([drafts.id, notes.id]);
    expect(await unzipText(Buffer.from(await picked.arrayBuffer()))).toEqual({ "Drafts/": "", "Drafts/plan.txt": "the plan", "notes.txt": "0123456789" });
    expect((await owner.shareLink.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(2);
  });

  it("refuses another organization's ids through a link (cross-tenant)", async () => {
    const a = await newFilesOwner("public-a");
    const b = await newFilesOwner("public-b");
    const { project } = await projectOf(a);
    const bFile = await transfer.upload(b, "b-secret.txt", "b's bytes");
    const bFolder = await b.caller.files.createFolder({ parentId: null, name: "B folder" });
    const { token } = await a.caller.links.create({ itemId: project.id });
    const anyone = visitor(token);
    expect((await anyone.content(bFile.id)).status).toBe(404);
    expect((await anyone.folder(bFolder.id)).status).toBe(404);
    const zip = await anyone.zip([bFile.id]);
    expect(zip.status).toBe(404);
    expect(await zip.text()).not.toContain("b-secret");
  });
});

describe("a file drop", () => {
  it("takes anonymous uploads into the folder, keeps both on a clash, and shows nothing of the folder", async () => {
    const me = await newFilesOwner("public");
    const inbox = await me.caller.files.createFolder({ parentId: null, name: "Inbox" });
    await transfer.upload(me, "cv.pdf", "already here", { folderId: inbox.id });
    const { token } = await me.caller.links.create({ itemId: inbox.id, mode: "DROP" });
    const dropper = visitor(token);

    const info = await (await dropper.info()).json();
    expect(info).toMatchObject({ mode: "DROP", item: { kind: "FOLDER", name: "Inbox", size: null } });
    const sent = await dropper.drop("cv.pdf", "my application", "application/pdf");
    expect(sent.status).toBe(201);
    // The answer names what was sent, not the free name it got: the dropper learns nothing of what is there.
    expect(await sent.json()).toEqual({ name: "cv.pdf", size: 14 });
    expect((await dropper.drop("résumé notes.txt", "")).status).toBe(201);

    const names = (await me.caller.files.list({ folderId: inbox.id })).items.map((i) => i.name).sort();
    expect(names).toEqual(["cv (2).pdf", "cv.pdf", "résumé notes.txt"]);
    const dropped = await itemNamed(me, "cv (2).pdf", inbox.id);
    expect(await transfer.download(me, dropped.id)).toBe("my application");
    expect(dropped.contentType).toBe("application/pdf");

    const listing = await dropper.folder();
    expect([listing.status, await message(listing)]).toEqual([403, "This is a file drop: you can add files to it, not see what is in it."]);
    expect((await dropper.content(dropped.id)).status).toBe(403);
    expect((await dropper.zip()).status).toBe(403);

    const { entries } = await me.caller.activity.list({});
    expect(entries.filter((e) => e.action.startsWith("link.") && e.actor === "Someone with a link").map((e) => e.summary)).toEqual([
      "Someone with a link uploaded “résumé notes.txt” to “Inbox”",
      "Someone with a link uploaded “cv (2).pdf” to “Inbox”",
      "Someone with a link opened the file drop into “Inbox”",
    ]);
  });

  it("counts uploads against the folder's drive quota and stores nothing that does not fit", async () => {
    const me = await newFilesOwner("public");
    const inbox = await me.caller.files.createFolder({ parentId: null, name: "Small inbox" });
    await me.caller.fileSettings.update({ quotaBytes: null, personQuotaBytes: 100, keepAllVersionsDays: 30, keepVersionsDays: 365 });
    const { token } = await me.caller.links.create({ itemId: inbox.id, mode: "DROP" });
    const refused = await visitor(token).drop("big.bin", Buffer.alloc(200));
    expect([refused.status, await refused.text()]).toEqual([413, "There is no room for “big.bin” (200 bytes) here. Ask the person who shared this link to make room."]);
    expect((await me.caller.files.list({ folderId: inbox.id })).items).toEqual([]);
    expect((await me.caller.files.usage()).drive.usedBytes).toBe(0);
    expect((await visitor(token).drop("small.bin", Buffer.alloc(60))).status).toBe(201);
    expect((await me.caller.files.usage()).drive.usedBytes).toBe(60);
  });

  it("is refused on a view link, and a view link's visitor cannot upload", async () => {
    const me = await newFilesOwner("public");
    const folder = await me.caller.files.createFolder({ parentId: null, name: "Read only" });
    const { token } = await me.caller.links.create({ itemId: folder.id });
    const refused = await visitor(token).drop("planted.txt", "x");
    expect([refused.status, await refused.text()]).toEqual([403, "This link does not take uploads."]);
    expect((await me.caller.files.list({ folderId: folder.id })).items).toEqual([]);
  });
});

describe("link access in the activity log", () => {
  it("shows opens and downloads by “Someone with a link”", async () => {
    const me = await newFilesOwner("public");
    const file = await transfer.upload(me, "logged.txt", "l");
    const { token } = await me.caller.links.create({ itemId: file.id });
    const anyone = visitor(token);
    await anyone.info();
    await anyone.content(file.id);
    const { entries } = await me.caller.activity.list({});
    expect(entries.slice(0, 3).map((e) => [e.actor, e.summary])).toEqual([
      ["Someone with a link", "Someone with a link downloaded “logged.txt”"],
      ["Someone with a link", "Someone with a link opened “logged.txt”"],
      [me.name, "Made a public link to “logged.txt”"],
    ]);
  });
});
