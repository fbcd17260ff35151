import { expect, test } from "@playwright/test";
import { newPerson, PASSWORD, signIn, signUp } from "./fixtures";

test("a person sees where they are signed in and signs out the other browser", async ({ page, browser }) => {
  const person = newPerson("Sessions");
  await signUp(page, person);
  const laptop = await browser.newContext({ userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" });
  const laptopPage = await laptop.newPage();
  await signIn(laptopPage, person.email);
  await expect(laptopPage).toHaveURL(/\/files$/);

  await page.getByRole("link", { name: `Settings for ${person.name}` }).click();
  const sessions = page.getByRole("list", { name: "Sessions" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByText("Firefox on Linux")).toBeVisible();
  await page.getByRole("button", { name: "Sign out all other sessions" }).click();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("You are signed in only here.")).toBeVisible();

  await laptopPage.reload();
  await expect(laptopPage).toHaveURL(/\/sign-in$/);
  await laptop.close();
});

test("a person changes their password and signs in with the new one", async ({ page }) => {
  const person = newPerson("Password");
  await signUp(page, person);
  await page.goto("/settings");
  await page.getByLabel("Current password").fill("not the password");
  await page.getByLabel("New password").fill("a new long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your current password is not right." })).toBeVisible();

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("a new long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed." })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, person.email);
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await signIn(page, person.email, "a new long password");
  await expect(page).toHaveURL(/\/files$/);
});
