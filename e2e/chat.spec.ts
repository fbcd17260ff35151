import { expect, test, type Page } from "@playwright/test";
import { newPerson, signUp } from "./fixtures";
import { colleagueJoins } from "./sharing-fixtures";

const messages = (page: Page) => page.getByRole("list", { name: "Messages" });
const messageFrom = (page: Page, text: string) => messages(page).getByRole("listitem").filter({ hasText: text });

test("two people chat in #general: a message, an edit and a reaction appear for the other without reload", async ({ page: ann, browser }) => {
  await signUp(ann, newPerson("Ann"));
  const bob = await colleagueJoins(browser, ann, "Bob");
  try {
    await ann.goto("/chat");
    await bob.page.goto("/chat");
    await expect(ann.getByRole("region", { name: "#general" })).toBeVisible();
    await expect(bob.page.getByRole("region", { name: "#general" })).toBeVisible();
    await expect(bob.page.getByText("No messages yet")).toBeVisible();

    // Enter sends; Shift+Enter is a new line within the message.
    const box = ann.getByRole("textbox", { name: "Message" });
    await box.fill("Hello **Bob**, see <b>this</b>");
    await box.press("Shift+Enter");
    await box.pressSequentially("[docs](https://example.test/docs)");
    await box.press("Enter");
    await expect(box).toHaveValue("");

    const seen = messageFrom(bob.page, "Hello");
    await expect(seen).toBeVisible();
    await expect(seen.locator("strong")).toHaveText("Bob");
    await expect(seen.locator("b")).toHaveCount(0); // raw HTML is never rendered
    await expect(seen.getByRole("link", { name: "docs" })).toHaveAttribute("rel", "noopener noreferrer");

    // Ann edits her message; Bob sees the new text and the mark.
    await messageFrom(ann, "Hello").getByRole("button", { name: "Edit" }).click();
    const editor = ann.getByRole("textbox", { name: "Edit message" });
    await editor.fill("Hello **everyone**");
    await editor.press("Enter");
    await expect(seen).toContainText("Hello everyone");
    await expect(seen).toContainText("(edited)");

    // Bob reacts; Ann sees it.
    await seen.getByRole("button", { name: "React with 🎉" }).click();
    await expect(messageFrom(ann, "Hello everyone").getByRole("button", { name: "🎉 1" })).toBeVisible();

    // Bob answers; Ann sees it. Bob cannot edit Ann's message.
    await bob.page.getByRole("textbox", { name: "Message" }).fill("Hi Ann");
    await bob.page.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect(messageFrom(ann, "Hi Ann")).toBeVisible();
    await expect(seen.getByRole("button", { name: "Edit" })).toHaveCount(0);

    // Ann deletes hers; Bob sees the mark in its place.
    await messageFrom(ann, "Hello everyone").getByRole("button", { name: "Delete" }).click();
    await expect(messages(bob.page).getByText("This message was deleted.")).toBeVisible();
    await expect(messages(bob.page)).not.toContainText("Hello everyone");
  } finally {
    await bob.close();
  }
});
