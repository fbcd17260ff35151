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

test("a person creates an app password, a WebDAV client signs in with it, and revoking it shuts the client out", async ({ page, request }) => {
  const person = newPerson("Apps");
  await signUp(page, person);
  await page.goto("/settings");
  await page.getByRole("link", { name: "App passwords" }).click();
  await expect(page.getByText("You have no app passwords yet.")).toBeVisible();
  await page.getByRole("button", { name: "Create app password" }).click();
  await expect(page.getByText("Give the app password a name")).toBeVisible();

  await page.getByLabel("Name").fill("Laptop file manager");
  await page.getByRole("button", { name: "Create app password" }).click();
  const shown = page.getByRole("region", { name: "New app password" });
  await expect(shown.getByLabel("User name")).toHaveValue(person.email);
  const davUrl = await shown.getByLabel("WebDAV URL").inputValue();
  expect(davUrl).toMatch(new RegExp(`/dav/files/${person.email.replace(/[.+]/g, "\\$&")}/$`));
  const password = await shown.getByLabel("Password").inputValue();
  for (const copy of ["Copy URL", "Copy user name", "Copy password"]) await expect(shown.getByRole("button", { name: copy })).toBeVisible();

  const propfind = () =>
    request.fetch(davUrl, { method: "PROPFIND", headers: { Depth: "0", Authorization: `Basic ${Buffer.from(`${person.email}:${password}`).toString("base64")}` } });
  expect((await propfind()).status()).toBe(207);

  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();
  const listed = page.getByRole("list", { name: "App passwords" }).getByRole("listitem");
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText("Laptop file manager");
  await expect(page.getByText(password)).toHaveCount(0);

  await page.getByRole("button", { name: "Revoke Laptop file manager" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("You have no app passwords yet.")).toBeVisible();
  expect((await propfind()).status()).toBe(401);
});
