import { expect, test } from "@playwright/test";
import { createInviteLink, newPerson, PASSWORD, signIn, signUp } from "./fixtures";

test("sign up, sign out, sign in, wrong password, invite a colleague who joins with the link", async ({ page, browser }) => {
  const owner = newPerson("Owner");
  await signUp(page, owner);
  await expect(page.getByRole("button", { name: new RegExp(`Organization: ${owner.organization}`) })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "My files" })).toBeVisible();

  // Sign out: the old cookie stops working at once, not when it expires.
  const oldCookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  const replay = await browser.newContext();
  await replay.addCookies(oldCookies);
  const replayPage = await replay.newPage();
  await replayPage.goto("/files");
  await expect(replayPage).toHaveURL(/\/sign-in$/);
  await replay.close();

  await signIn(page, owner.email, "not my password");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);

  await signIn(page, owner.email);
  await expect(page).toHaveURL(/\/files$/);

  // Admin → Members → Invite people shows the link.
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin\/members$/);
  const link = await createInviteLink(page, "MEMBER");
  expect(link).toMatch(/\/invite\/[\w-]{32}$/);
  await expect(page.getByText("Member · used 0 of 1")).toBeVisible();

  // A new person opens the link in their own browser and creates an account.
  const colleague = newPerson("Colleague");
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await theirPage.goto(link);
  await expect(theirPage.getByRole("heading", { name: `Join ${owner.organization}` })).toBeVisible();
  await theirPage.getByLabel("Name").fill(colleague.name);
  await theirPage.getByLabel("Email").fill(colleague.email);
  await theirPage.getByLabel("Password").fill(PASSWORD);
  await theirPage.getByRole("button", { name: "Create account" }).click();
  await expect(theirPage).toHaveURL(/\/files$/);
  await expect(theirPage.getByRole("button", { name: new RegExp(`Organization: ${owner.organization}`) })).toBeVisible();

  // The link was single-use.
  const third = await browser.newContext();
  const thirdPage = await third.newPage();
  await thirdPage.goto(link);
  await expect(thirdPage.getByRole("heading", { name: "This invite link does not work" })).toBeVisible();
  await expect(thirdPage.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();
  await third.close();

  // The owner sees the new member.
  await page.reload();
  await expect(page.getByRole("cell", { name: colleague.email })).toBeVisible();
  await theirs.close();
});

test("a person in two organizations switches between them", async ({ page }) => {
  const person = newPerson("Switcher");
  await signUp(page, person);
  await page.getByRole("button", { name: /Organization: / }).click();
  await page.getByRole("link", { name: "New organization" }).click();
  await page.getByLabel("Organization name").fill(`${person.organization} Two`);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("button", { name: `Organization: ${person.organization} Two. Switch organization` })).toBeVisible();

  await page.getByRole("button", { name: /Organization: / }).click();
  await page.getByRole("list", { name: "Your organizations" }).getByRole("button", { name: `${person.organization} owner`, exact: true }).click();
  await expect(page.getByRole("button", { name: `Organization: ${person.organization}. Switch organization` })).toBeVisible();

  // The owner renames the active organization.
  await page.goto("/admin/organization");
  await page.getByLabel("Organization name").fill(`${person.organization} Renamed`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("button", { name: `Organization: ${person.organization} Renamed. Switch organization` })).toBeVisible();
});

test("a signed-in person joins another organization from a link", async ({ page, browser }) => {
  const owner = newPerson("Host");
  await signUp(page, owner);
  const link = await createInviteLink(page, "GUEST");

  const guest = newPerson("Guest");
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signUp(theirPage, guest);
  await theirPage.goto(link);
  await theirPage.getByRole("button", { name: `Join ${owner.organization}` }).click();
  await expect(theirPage).toHaveURL(/\/files$/);
  await expect(theirPage.getByRole("button", { name: new RegExp(`Organization: ${owner.organization}`) })).toBeVisible();
  await expect(theirPage.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await theirPage.goto("/admin/members");
  await expect(theirPage.getByRole("heading", { name: "Members are not visible to guests" })).toBeVisible();
  await theirs.close();
});

test("sign-in form refuses an unknown account with the same message as a wrong password", async ({ page }) => {
  await signIn(page, `nobody-${Date.now()}@example.test`, PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
});

test("sign-up says what is wrong with each field, and refuses an email that has an account", async ({ page }) => {
  const taken = newPerson("Taken");
  await signUp(page, taken);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("   ");
  await page.getByLabel("Email").fill(taken.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Organization").fill("Acme");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();

  await page.getByLabel("Name").fill("Second Person");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "An account with this email already exists. Sign in instead." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
});
