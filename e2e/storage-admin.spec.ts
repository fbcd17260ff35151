import { expect, test } from "@playwright/test";
import { newPerson, signInAsPlatformAdmin, signUp } from "./fixtures";

test("the server's administrator sees every storage node and runs a scrub", async ({ page }) => {
  // The scrub reads every replica on the install; the test database holds every other test's files and mail too.
  test.setTimeout(240_000);
  await signInAsPlatformAdmin(page);
  // The first organization may not be the active one: switch to it through the page that needs it.
  await page.goto("/admin/storage");
  await expect(page.getByRole("link", { name: "Storage" })).toBeVisible();
  const nodes = page.getByRole("table");
  await expect(nodes.getByRole("row")).toHaveCount(3); // header + nodes a and b
  await expect(nodes.getByRole("cell", { name: /^a/ })).toBeVisible();
  await expect(nodes.getByText("down")).toHaveCount(0);
  await page.getByRole("button", { name: "Scrub now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Checked \d+ copies/ })).toBeVisible({ timeout: 200_000 });
  await expect(page.getByText("No scrub has run yet.")).toHaveCount(0);
});

test("storage is hidden from everyone else", async ({ page }) => {
  await signUp(page, newPerson("Tenant"));
  await page.goto("/admin/members");
  await expect(page.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Storage" })).toHaveCount(0);
  await page.goto("/admin/storage");
  await expect(page.getByRole("heading", { name: "Storage is for the server's administrators" })).toBeVisible();
});
