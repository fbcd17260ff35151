import { expect, test } from "@playwright/test";
import { newPerson, signUp } from "./fixtures";

/**
 * Puts `trashed` items in the person's trash and `matching` live files named
 * "ledger-NNN.txt" in their files, straight in the database (owner connection):
 * more than one page of each.
 */
async function seedPages(email: string, trashed: number, matching: number) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query<{ organizationId: string; userId: string; driveId: string }>(
    `SELECT d."organizationId", d."ownerUserId" AS "userId", d.id AS "driveId" FROM "Drive" d JOIN "User" u ON u.id = d."ownerUserId" WHERE u.email = $1`,
    [email],
  );
  const drive = rows[0];
  if (!drive) throw new Error(`${email} has no files yet`);
  const values = [drive.organizationId, drive.driveId, drive.userId];
  // Trashed a second apart, newest first: old-001 … old-130.
  await client.query(
    `INSERT INTO "FileItem" ("id", "organizationId", "driveId", "kind", "name", "createdById", "trashedAt")
     SELECT gen_random_uuid(), $1, $2, 'FILE', 'old-' || lpad(n::text, 3, '0') || '.txt', $3, (now() AT TIME ZONE 'UTC') - n * interval '1 second'
     FROM generate_series(1, $4::int) AS n`,
    [...values, trashed],
  );
  await client.query(
    `INSERT INTO "FileItem" ("id", "organizationId", "driveId", "kind", "name", "createdById")
     SELECT gen_random_uuid(), $1, $2, 'FILE', 'ledger-' || lpad(n::text, 3, '0') || '.txt', $3
     FROM generate_series(1, $4::int) AS n`,
    [...values, matching],
  );
  await client.end();
}

test("the trash and search results load more when there are more than a page, by keyboard too", async ({ page }) => {
  const person = newPerson("Pages");
  await signUp(page, person);
  await expect(page.getByRole("heading", { name: "No files yet" })).toBeVisible(); // My files, made on first use
  await seedPages(person.email, 130, 60);

  await page.goto("/files/trash");
  const trash = page.getByRole("list", { name: "Trash" });
  await expect(trash.getByRole("listitem")).toHaveCount(100);
  await expect(page.getByText("Showing 100 of 130 items in the trash.")).toBeVisible();
  const loadMore = page.getByRole("button", { name: "Load more" });
  await loadMore.focus();
  await page.keyboard.press("Enter");
  await expect(trash.getByRole("listitem")).toHaveCount(130);
  await expect(loadMore).toHaveCount(0);
  // Keyboard focus carries on from the first item loaded, not from the top of the page.
  await expect(trash.getByRole("listitem").nth(100)).toBeFocused();
  await expect(trash.getByRole("listitem").nth(100)).toHaveAccessibleName("old-101.txt");

  await page.getByRole("button", { name: "Empty trash" }).click();
  const confirm = page.getByRole("dialog", { name: "Empty the trash?" });
  await expect(confirm).toContainText("All 130 items in the trash");
  await confirm.getByRole("button", { name: "Empty trash" }).click();
  await expect(page.getByRole("heading", { name: "The trash is empty" })).toBeVisible();

  await page.getByRole("link", { name: "My files", exact: true }).first().click();
  await page.getByRole("searchbox", { name: "Search your files" }).fill("LEDGER");
  const results = page.getByRole("region", { name: "Search results" });
  await expect(results).toContainText("The first 50 matches for “LEDGER”");
  await expect(results.getByRole("listitem")).toHaveCount(50);
  await results.getByRole("button", { name: "Load more" }).click();
  await expect(results).toContainText("60 matches for “LEDGER”");
  await expect(results.getByRole("listitem")).toHaveCount(60);
  await expect(results.getByRole("button", { name: "Load more" })).toHaveCount(0);
});
