// Search by name a page at a time: every match reachable, none twice, and nothing from the trash.
import { describe, expect, it } from "vitest";
import { myDriveId, newColleague, newFilesOwner, useOwnerDatabase, type FilesPerson } from "./testing/files-fixture";

const owner = useOwnerDatabase();
const MATCHING = 120;

type SearchPage = Awaited<ReturnType<FilesPerson["caller"]["files"]["search"]>>;
type Position = { modifiedAt: Date; id: string };

const driveOf = (who: FilesPerson) => myDriveId(owner, who);

/** `count` live files named `prefix`-NNNN.txt in one INSERT, in `parentId`, their modifiedAt spread over 4 seconds (runs of equal times). */
async function seedFiles(who: FilesPerson, prefix: string, count: number, parentId: string | null) {
  const driveId = await driveOf(who);
  await owner.$executeRaw`
    INSERT INTO "FileItem" ("id", "organizationId", "driveId", "parentId", "kind", "name", "createdById", "modifiedAt")
    SELECT gen_random_uuid(), ${who.organizationId}::uuid, ${driveId}::uuid, ${parentId}::uuid, 'FILE'::"ItemKind",
      ${prefix} || '-' || lpad(n::text, 4, '0') || '.txt', ${who.userId}::uuid, ${new Date()}::timestamp - (n % 4) * interval '1 second'
    FROM generate_series(1, ${count}) AS n`;
}

async function walkSearch(who: FilesPerson, query: string) {
  const pages: SearchPage[] = [];
  let cursor: Position | null = null;
  do {
    const page: SearchPage = await who.caller.files.search({ query, cursor });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

const before = (a: Position, b: Position) => a.modifiedAt > b.modifiedAt || (a.modifiedAt.getTime() === b.modifiedAt.getTime() && a.id < b.id);

describe("search pages", () => {
  it(`finds all ${MATCHING} matches 50 at a time, each once, newest first, leaving out what is inside a trashed folder`, async () => {
    const me = await newFilesOwner();
    const reports = await me.caller.files.createFolder({ parentId: null, name: "Reports" });
    await seedFiles(me, "quarterly-report", MATCHING / 2, null);
    await seedFiles(me, "Quarterly-Report-archived", MATCHING / 2, reports.id);
    await seedFiles(me, "minutes", 30, null);
    // Matches two folders below a trashed one: not shown, and they must not leave pages short.
    const old = await me.caller.files.createFolder({ parentId: null, name: "Old" });
    const sub = await me.caller.files.createFolder({ parentId: old.id, name: "Sub" });
    await seedFiles(me, "quarterly-report-old", 40, sub.id);
    await me.caller.files.trash({ itemIds: [old.id] });

    const pages = await walkSearch(me, "QUARTERLY-report");
    expect(pages.map((p) => p.items.length)).toEqual([50, 50, 20]);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    const items = pages.flatMap((p) => p.items);
    expect(new Set(items.map((i) => i.id)).size).toBe(MATCHING);
    expect(items.every((i) => /^quarterly-report(-archived)?-\d{4}\.txt$/i.test(i.name))).toBe(true);
    for (let i = 1; i < items.length; i++) expect(before(items[i - 1]!, items[i]!)).toBe(true);
    expect(items.filter((i) => i.name.startsWith("Quarterly-Report-archived")).every((i) => i.folderPath[0]?.id === reports.id)).toBe(true);
  });

  it("takes a cursor as a position only: another person's shows them nothing of mine", async () => {
    const me = await newFilesOwner();
    const colleague = await newColleague(me);
    await seedFiles(me, "plan", 60, null);
    await seedFiles(colleague, "plan", 10, null);
    const mine = (await walkSearch(me, "plan")).flatMap((p) => p.items);
    expect(mine).toHaveLength(60);

    const theirs = (await colleague.caller.files.search({ query: "plan" })).items;
    expect(theirs).toHaveLength(10);
    const cursor = { modifiedAt: mine[5]!.modifiedAt, id: mine[5]!.id };
    const page = await colleague.caller.files.search({ query: "plan", cursor });
    expect(page.items.map((i) => i.id)).toEqual(theirs.filter((i) => before(cursor, i)).map((i) => i.id));
    const shown = JSON.stringify(page);
    for (const item of mine) expect(shown).not.toContain(item.id);
  });
});
