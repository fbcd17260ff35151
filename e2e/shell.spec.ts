import { expect, test } from "@playwright/test";
import { newPerson, signUp } from "./fixtures";

test("every section is reachable from the sidebar and says honestly what is not built", async ({ page }) => {
  await signUp(page, newPerson("Explorer"));
  await expect(page.getByRole("heading", { level: 1, name: "My files" })).toBeVisible();
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Mail" }).click();
  await expect(page.getByRole("navigation", { name: "Folders" }).getByRole("button", { name: /^Inbox/ })).toBeVisible();
  await expect(page.getByText("Your inbox is empty")).toBeVisible();
  for (const section of ["Documents", "Calendar", "Tasks"]) {
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: section }).click();
    await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
    await expect(page.getByRole("heading", { name: `${section} is not available yet` })).toBeVisible();
    await expect(page.getByRole("link", { name: section })).toHaveAttribute("aria-current", "page");
  }
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Chat" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Chat" })).toBeVisible();
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Files" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My files" })).toBeVisible();
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
});

test("the sidebar works from the keyboard", async ({ page }) => {
  await signUp(page, newPerson("Keys"));
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  const mail = page.getByRole("link", { name: "Mail" });
  await mail.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/mail$/);
});

test("on a phone the sections are behind a menu button", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signUp(page, newPerson("Phone"));
  const nav = page.getByRole("navigation", { name: "Sections" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(nav).toBeVisible();
  await nav.getByRole("link", { name: "Chat" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(nav).toBeHidden();
});

test("the theme can be switched to dark and stays after a reload", async ({ page }) => {
  await signUp(page, newPerson("Night"));
  await page.getByText("dark", { exact: true }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
});

test("health reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", db: "ok", version: expect.any(String) });
});
