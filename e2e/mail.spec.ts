import { expect, test, type Page } from "@playwright/test";
import { newPerson, signUp } from "./fixtures";
import { colleagueJoins } from "./sharing-fixtures";

const folders = (page: Page) => page.getByRole("navigation", { name: "Folders" });
const openFolder = (page: Page, name: string) => folders(page).getByRole("button", { name: new RegExp(`^${name}`) }).click();
const rows = (page: Page) => page.getByTestId("mail-row");
const row = (page: Page, subject: string) => rows(page).filter({ hasText: subject });
const compose = (page: Page) => page.getByRole("form", { name: "Compose" });

async function addRecipient(page: Page, address: string) {
  const to = compose(page).getByRole("combobox").first();
  await to.fill(address);
  await to.press("Enter");
  await expect(compose(page).getByRole("button", { name: `Remove ${address}` })).toBeVisible();
}

test("two colleagues write, answer in one conversation, file and restore, and a draft outlives a reload", async ({ page: ann, browser }) => {
  await signUp(ann, newPerson("Ann"));
  const bob = await colleagueJoins(browser, ann, "Bob");
  try {
    await bob.page.goto("/mail");
    const bobAddress = (await bob.page.getByTestId("my-address").textContent())!.trim();
    expect(bobAddress).toMatch(/@.+\.awan\.localhost$/);
    await expect(bob.page.getByText("Your inbox is empty")).toBeVisible();

    // Ann writes to Bob with c, the compose shortcut; the draft is saved as she types.
    await ann.goto("/mail");
    await expect(ann.getByText("Your inbox is empty")).toBeVisible();
    await ann.keyboard.press("c");
    await addRecipient(ann, bobAddress);
    await compose(ann).getByRole("textbox", { name: "Subject" }).fill("Lunch plans");
    await compose(ann).getByRole("textbox", { name: "Message" }).fill("Noon at the usual place?");
    await expect(compose(ann).getByTestId("draft-status")).toContainText("Draft saved");
    await compose(ann).getByRole("button", { name: "Send" }).click();
    await expect(compose(ann)).toHaveCount(0);

    // Bob's Inbox shows it without a reload, unread, and opens it.
    await expect(row(bob.page, "Lunch plans")).toBeVisible();
    await expect(row(bob.page, "Lunch plans")).toHaveAttribute("data-unread", "true");
    await expect(folders(bob.page).getByRole("button", { name: /^Inbox/ })).toContainText("1");
    await row(bob.page, "Lunch plans").getByRole("button", { name: /Lunch plans/ }).click();
    await expect(bob.page.getByTestId("conversation-subject")).toHaveText("Lunch plans");
    await bob.page.keyboard.press("r");
    await expect(compose(bob.page).getByRole("textbox", { name: "Subject" })).toHaveValue("Re: Lunch plans");
    await compose(bob.page).getByRole("textbox", { name: "Message" }).fill("Sounds good, see you there");
    await compose(bob.page).getByRole("button", { name: "Send" }).click();
    await expect(compose(bob.page)).toHaveCount(0);

    // Ann sees the answer arrive, in the same conversation as what she sent.
    await expect(row(ann, "Re: Lunch plans")).toBeVisible();
    await row(ann, "Re: Lunch plans").getByRole("button", { name: /Re: Lunch plans/ }).click();
    await expect(ann.getByTestId("conversation-message")).toHaveCount(2);

    // Archive, then delete to Trash, then restore to the Inbox.
    await ann.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Archive" }).click();
    await expect(row(ann, "Re: Lunch plans")).toHaveCount(0);
    await openFolder(ann, "Archive");
    await row(ann, "Re: Lunch plans").getByRole("checkbox").check();
    await ann.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Delete" }).click();
    await expect(row(ann, "Re: Lunch plans")).toHaveCount(0);
    await openFolder(ann, "Trash");
    await row(ann, "Re: Lunch plans").getByRole("checkbox").check();
    await ann.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Restore" }).click();
    await expect(ann.getByText("Trash is empty")).toBeVisible();
    await openFolder(ann, "Inbox");
    await expect(row(ann, "Re: Lunch plans")).toBeVisible();

    // / goes to search; a word of Bob's answer finds it across folders.
    await ann.keyboard.press("/");
    await expect(ann.getByRole("searchbox", { name: "Search mail" })).toBeFocused();
    await ann.keyboard.type("sounds");
    await ann.keyboard.press("Enter");
    await expect(ann.getByText("Results for “sounds”")).toBeVisible();
    await expect(rows(ann)).toHaveCount(1);
    await expect(row(ann, "Re: Lunch plans")).toBeVisible();
    await ann.getByRole("button", { name: "Clear search" }).click();

    // A draft is kept across a reload and opens again in compose.
    await folders(ann).getByRole("button", { name: /^Inbox/ }).focus();
    await ann.getByRole("button", { name: "Compose" }).click();
    await compose(ann).getByRole("textbox", { name: "Subject" }).fill("Unfinished thought");
    await compose(ann).getByRole("textbox", { name: "Message" }).fill("To be continued");
    await expect(compose(ann).getByTestId("draft-status")).toContainText("Draft saved");
    await ann.reload();
    await openFolder(ann, "Drafts");
    await row(ann, "Unfinished thought").getByRole("button", { name: /Unfinished thought/ }).click();
    await expect(compose(ann).getByRole("textbox", { name: "Subject" })).toHaveValue("Unfinished thought");
    await expect(compose(ann).getByRole("textbox", { name: "Message" })).toHaveValue("To be continued");
  } finally {
    await bob.close();
  }
});
