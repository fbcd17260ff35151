import { expect, test } from "@playwright/test";
import { lockAccount, newPerson, signIn, signUp } from "./fixtures";

test("session cookie is HttpOnly and SameSite=Lax", async ({ page }) => {
  await signUp(page, newPerson("Cookie"));
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("a locked account is refused with HTTP 429 and a message that says when to retry", async ({ page, browser }) => {
  const person = newPerson("Locked");
  await signUp(page, person);
  await lockAccount(person.email);

  const visitor = await browser.newPage();
  const refused = visitor.waitForResponse((r) => r.url().endsWith("/api/auth/callback/credentials"));
  await signIn(visitor, person.email);
  expect((await refused).status()).toBe(429);
  await expect(visitor.getByRole("alert").filter({ hasText: "Too many failed sign-in attempts. Try again in 15 minutes." })).toBeVisible();
  await expect(visitor).toHaveURL(/\/sign-in$/);
  await visitor.close();
});
