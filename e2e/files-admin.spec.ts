import { expect, test } from "@playwright/test";
import { createInviteLink, joinWithNewAccount, newPerson, signUp } from "./fixtures";

test("an owner sets quotas and version retention, and reads what people did", async ({ page }) => {
  const owner = newPerson("Quotas");
  await signUp(page, owner);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Files" }).click();

  await page.getByLabel("Quota per person (GB)").fill("2");
  await page.getByLabel("Keep every version for (days)").fill("60");
  await page.getByLabel("Then keep one version a day for (days)").fill("30");
  await page.getByRole("button", { name: "Save file settings" }).click();
  await expect(page.getByText("Daily versions must be kept at least as long as every version.")).toBeVisible();

  await page.getByLabel("Then keep one version a day for (days)").fill("");
  await page.getByRole("button", { name: "Save file settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Quota per person (GB)")).toHaveValue("2");
  await expect(page.getByLabel("Keep every version for (days)")).toHaveValue("60");
  await expect(page.getByLabel("Then keep one version a day for (days)")).toHaveValue("");

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("list", { name: "Activity" })).toContainText("Set the file quotas (organization: no limit, per person: 2.0 GB)");
  await expect(page.getByRole("list", { name: "Activity" })).toContainText(owner.name);
});

test("a member sees neither file settings nor the activity log", async ({ page, browser }) => {
  const owner = newPerson("Tabs");
  await signUp(page, owner);
  const link = await createInviteLink(page, "MEMBER");
  const member = newPerson("Member");
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await joinWithNewAccount(memberPage, link, member);

  await memberPage.goto("/admin/members");
  const tabs = memberPage.getByRole("navigation", { name: "Admin" });
  await expect(tabs.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(tabs.getByRole("link", { name: "Files" })).toHaveCount(0);
  await expect(tabs.getByRole("link", { name: "Activity" })).toHaveCount(0);
  await memberPage.goto("/admin/activity");
  await expect(memberPage.getByText("Only the organization's owners and administrators can see its activity.")).toBeVisible();
  await memberContext.close();
});
