// The trash a page at a time: every item reachable, none twice, while the trash changes between pages.
import { describe, expect, it } from "vitest";
import { myDriveId, newColleague, newFilesOwner, useOwnerDatabase, useTransferServer, type FilesPerson } from "./testing/files-fixture";

const transfer = useTransferServer();
const owner = useOwnerDatabase();
const SEEDED = 1_050;

type TrashPage = Awaited<ReturnType<FilesPerson["caller"]["files"]["listTrash"]>>;
type Position = { trashedAt: Date; id: string };

const driveOf = (who: FilesPerson) => myDriveId(owner, who);

/**
 * `count` trashed items in one INSERT: every 10th a folder, half of them from the live folder
 * `parentId`, their trashedAt spread over 7 seconds so that pages end inside runs of equal times.
 */
async function seedTrash(who: FilesPerson, count: number, parentId: string | null, base = new Date()) {
  const driveId = await driveOf(who);
  await owner.$executeRaw`
    INSERT INTO "FileItem" ("id", "organizationId", "driveId", "parentId", "kind", "name", "createdById", "trashedAt")
    SELECT gen_random_uuid(), ${who.organizationId}::uuid, ${driveId}::uuid,
      CASE WHEN n % 2 = 0 THEN ${parentId}::uuid END,
      (CASE WHEN n % 10 = 0 THEN 'FOLDER' ELSE 'FILE' END)::"ItemKind",
      'trashed-' || lpad(n::text, 5, '0'), ${who.userId}::uuid,
      ${base}::timestamp - (n % 7) * interval '1 second'
    FROM generate_series(1, ${count}) AS n`;
}

/** Every page of `who`'s trash, calling `between` after each page but the last. */
async function walkTrash(who: FilesPerson, between?: (pagesSoFar: TrashPage[]) => Promise<void>) {
  const pages: TrashPage[] = [];
  let cursor: Position | null = null;
  do {
    const page: TrashPage = await who.caller.files.listTrash({ cursor });
    pages.push(page);
    cursor = page.nextCursor;
    if (cursor) await between?.(pages);
  } while (cursor);
  return pages;
}

/** Whether `a` comes before `b` in the trash's order: newest first, then by id. */
const before = (a: Position, b: Position) => a.trashedAt > b.trashedAt || (a.trashedAt.getTime() === b.trashedAt.getTime() && a.id < b.id);

const idsOf = (pages: TrashPage[]) => pages.flatMap((p) => p.items.map((i) => i.id));

describe("trash pages", () => {
  it(`walks ${SEEDED.toLocaleString("en")} trashed items 100 at a time, each once, newest first, then says there is no more`, async () => {
    const me = await newFilesOwner();
    const source = await me.caller.files.createFolder({ parentId: null, name: "Source" });
    await seedTrash(me, SEEDED, source.id);

    const pages = await walkTrash(me);
    expect(pages.map((p) => p.items.length)).toEqual([...Array<number>(10).fill(100), 50]);
    expect(pages.every((p) => p.total === SEEDED)).toBe(true);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    const items = pages.flatMap((p) => p.items);
    expect(new Set(items.map((i) => i.id)).size).toBe(SEEDED);
    const seeded = await owner.fileItem.findMany({ where: { organizationId: me.organizationId, trashedAt: { not: null } }, select: { id: true } });
    expect(new Set(items.map((i) => i.id))).toEqual(new Set(seeded.map((s) => s.id)));
    for (let i = 1; i < items.length; i++) expect(before(items[i - 1]!, items[i]!)).toBe(true);
    // Each page still says where each item came from.
    expect(items.find((i) => i.name === "trashed-00002")).toMatchObject({ kind: "FILE", originalPath: [{ id: source.id, name: "Source" }], originalFolderAvailable: true });
    expect(items.find((i) => i.name === "trashed-00010")).toMatchObject({ kind: "FOLDER", originalPath: [{ id: source.id, name: "Source" }] });
    expect(items.find((i) => i.name === "trashed-00001")).toMatchObject({ originalPath: [], originalFolderAvailable: true });
  });

  it("skips nothing and repeats nothing when items are restored, deleted and trashed between pages", async () => {
    const me = await newFilesOwner();
    const source = await me.caller.files.createFolder({ parentId: null, name: "Source" });
    await seedTrash(me, SEEDED, source.id);
    const order = idsOf(await walkTrash(me));

    // Between pages: items already shown and items still to come leave the trash, and a new one arrives.
    const seenThenRestored = order[20]!;
    const seenThenDeleted = order[10]!;
    const unseenRestored = [order[600]!, order[601]!, order[1_040]!];
    const unseenDeleted = [order[700]!, order[SEEDED - 1]!];
    const fresh = await me.caller.files.createFolder({ parentId: null, name: "Trashed meanwhile" });
    const pages = await walkTrash(me, async (sofar) => {
      if (sofar.length === 1) {
        await me.caller.files.restore({ itemId: seenThenRestored });
        await me.caller.files.deleteForever({ itemIds: [seenThenDeleted] });
        await me.caller.files.trash({ itemIds: [fresh.id] });
      }
      if (sofar.length === 5) {
        for (const itemId of unseenRestored) await me.caller.files.restore({ itemId });
        await me.caller.files.deleteForever({ itemIds: unseenDeleted });
      }
    });

    const seen = idsOf(pages);
    expect(seen.length).toBe(new Set(seen).size); // no duplicates
    const gone = new Set([...unseenRestored, ...unseenDeleted]);
    expect(seen).toEqual(order.filter((id) => !gone.has(id))); // no gaps, same order
    expect(pages.at(-1)!.total).toBe(SEEDED - 2 + 1 - gone.size);
    // The item trashed meanwhile is newest: it heads the next walk.
    expect((await me.caller.files.listTrash()).items[0]!.id).toBe(fresh.id);
  });

  it(`empties all ${SEEDED.toLocaleString("en")} items and their bytes, not only the first page`, async () => {
    const me = await newFilesOwner();
    const kept = await transfer.upload(me, "kept.txt", "kept");
    const source = await me.caller.files.createFolder({ parentId: null, name: "Source" });
    const stored = await transfer.upload(me, "stored.txt", "stored bytes", { folderId: source.id });
    await me.caller.files.trash({ itemIds: [stored.id] });
    await seedTrash(me, SEEDED, source.id);
    expect((await me.caller.files.listTrash()).total).toBe(SEEDED + 1);

    expect(await me.caller.files.emptyTrash()).toEqual({ deleted: SEEDED + 1 });
    expect(await me.caller.files.listTrash()).toEqual({ items: [], nextCursor: null, total: 0 });
    expect(await owner.fileItem.count({ where: { organizationId: me.organizationId, trashedAt: { not: null } } })).toBe(0);
    expect(await owner.fileVersion.count({ where: { fileId: stored.id } })).toBe(0);
    expect((await me.caller.files.usage()).drive.usedBytes).toBe(4); // "kept" only
    expect(await transfer.download(me, kept.id)).toBe("kept");
  });

  it("takes a cursor as a position only: one from another organization or person shows nothing of theirs", async () => {
    const me = await newFilesOwner();
    const colleague = await newColleague(me);
    const stranger = await newFilesOwner("stranger");
    const base = new Date();
    await seedTrash(me, 150, null, base);
    await seedTrash(colleague, 40, null, base);
    await seedTrash(stranger, 40, null, base);
    const mine = (await walkTrash(me)).flatMap((p) => p.items);
    const theirs = await owner.fileItem.findMany({
      where: { organizationId: { in: [me.organizationId, stranger.organizationId] }, createdById: { in: [colleague.userId, stranger.userId] }, trashedAt: { not: null } },
      select: { id: true, trashedAt: true },
    });
    expect(theirs).toHaveLength(80);

    for (const other of theirs.slice(0, 10)) {
      const cursor = { trashedAt: other.trashedAt!, id: other.id };
      const page = await me.caller.files.listTrash({ cursor });
      expect(page.items.map((i) => i.id)).toEqual(mine.filter((i) => before(cursor, i)).slice(0, 100).map((i) => i.id));
      const shown = JSON.stringify(page);
      for (const t of theirs) expect(shown).not.toContain(t.id);
    }
  });

  it("refuses a cursor that is not a position, saying so", async () => {
    const me = await newFilesOwner();
    const id = crypto.randomUUID();
    for (const cursor of [{ trashedAt: new Date(Number.NaN), id }, { trashedAt: new Date(), id: "not-an-id" }, { trashedAt: new Date("-005000-01-01T00:00:00Z"), id }]) {
      await expect(me.caller.files.listTrash({ cursor })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("This page position is not valid") });
    }
  });
});
