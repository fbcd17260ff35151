import { expect, test, type Page } from "@playwright/test";
import { newPerson, signUp } from "./fixtures";
import { colleagueJoins } from "./sharing-fixtures";

const results = (page: Page) => page.getByRole("list", { name: "Search results" });

async function post(page: Page, text: string) {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
  await expect(page.getByRole("list", { name: "Messages" }).getByRole("listitem").filter({ hasText: text })).toBeVisible();
}

async function searchFor(page: Page, words: string) {
  const field = page.getByRole("searchbox", { name: "Search messages" });
  await field.fill(words);
  await field.press("Enter");
}

test("search finds a colleague's message by a word in another case and accent, never one of a private channel, and opens it", async ({ page: ann, browser }) => {
  const annPerson = newPerson("Ann");
  await signUp(ann, annPerson);
  const bob = await colleagueJoins(browser, ann, "Bob");
  try {
    await ann.goto("/chat");
    await expect(ann.getByRole("region", { name: "#general" })).toBeVisible();
    await post(ann, "The quarterly Déploiement happens on Friday");
    await post(ann, "Lunch is at noon");

    // A private channel of Ann's: Bob never finds what is said there.
    await ann.getByRole("navigation", { name: "Channels" }).getByRole("button", { name: "New channel" }).click();
    const dialog = ann.getByRole("dialog", { name: "New channel" });
    await dialog.getByLabel("Channel name").fill("budget");
    await dialog.getByRole("radio", { name: /Private/ }).check();
    await dialog.getByRole("button", { name: "Create channel" }).click();
    await expect(ann.getByRole("region", { name: "#budget" })).toBeVisible();
    await post(ann, "The quarterly budget is final");

    await bob.page.goto("/chat");
    await searchFor(bob.page, "DEPLOIEMENT");
    const found = results(bob.page).getByRole("listitem");
    await expect(found).toHaveCount(1);
    await expect(found).toContainText("#general");
    await expect(found).toContainText(annPerson.name);
    await expect(found.locator("mark")).toHaveText("Déploiement");

    // Every word must match; the beginning of a word is enough; the private channel stays hidden.
    await searchFor(bob.page, "quarter");
    await expect(found).toHaveCount(1);
    await expect(found).not.toContainText("budget");
    await searchFor(bob.page, "budget");
    await expect(bob.page.getByText("No messages match")).toBeVisible();
    await expect(results(bob.page)).toHaveCount(0);

    // Chosen from the keyboard, the result opens its message in #general.
    await searchFor(bob.page, "friday quarterly");
    await expect(found).toHaveCount(1);
    await found.getByRole("button").focus();
    await bob.page.keyboard.press("Enter");
    await expect(bob.page.getByRole("region", { name: "#general" })).toBeVisible();
    await expect(bob.page.getByRole("list", { name: "Messages" }).getByRole("listitem").filter({ hasText: "The quarterly Déploiement happens on Friday" })).toBeVisible();
  } finally {
    await bob.close();
  }
});
