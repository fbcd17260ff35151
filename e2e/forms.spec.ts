import { expect, test } from "@playwright/test";

test("a password typed before the page is interactive never lands in the address bar", async ({ page }) => {
  // JavaScript off: the state of a page whose scripts have not run yet.
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: false });
  const early = await context.newPage();
  await early.goto("/sign-in");
  await early.getByLabel("Email").fill("someone@example.test");
  await early.getByLabel("Password").fill("secret password");
  await expect(early.getByRole("button", { name: "Sign in" })).toBeDisabled();
  await early.getByLabel("Password").press("Enter");
  await expect(early).not.toHaveURL(/secret/);
  await context.close();
});
