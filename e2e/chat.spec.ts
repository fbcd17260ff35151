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

test("a private channel: its creator posts in it, a colleague sees it only once added, with the message", async ({ page: ann, browser }) => {
  await signUp(ann, newPerson("Ann"));
  const bob = await colleagueJoins(browser, ann, "Bob");
  try {
    await ann.goto("/chat");
    await bob.page.goto("/chat");
    await expect(bob.page.getByRole("region", { name: "#general" })).toBeVisible();

    // Ann creates it from the sidebar; a taken name gets the server's message.
    const createChannel = async (name: string) => {
      await ann.getByRole("navigation", { name: "Channels" }).getByRole("button", { name: "New channel" }).click();
      const dialog = ann.getByRole("dialog", { name: "New channel" });
      await dialog.getByLabel("Channel name").fill(name);
      await dialog.getByRole("radio", { name: /Private/ }).check();
      await dialog.getByRole("button", { name: "Create channel" }).click();
      return dialog;
    };
    await expect((await createChannel("general")).getByRole("alert")).toContainText("There is already a channel named #general");
    await ann.getByRole("dialog", { name: "New channel" }).getByRole("button", { name: "Cancel" }).click();
    await createChannel("plans");
    await expect(ann.getByRole("region", { name: "#plans" })).toBeVisible();
    await ann.getByRole("textbox", { name: "Message" }).fill("Secret launch date");
    await ann.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect(messageFrom(ann, "Secret launch date")).toBeVisible();

    // Bob does not see it, even after a reload.
    await bob.page.reload();
    const bobChannels = bob.page.getByRole("navigation", { name: "Channels" });
    await expect(bobChannels.getByRole("button", { name: /general/ })).toBeVisible();
    await expect(bobChannels.getByRole("button", { name: /plans/ })).toHaveCount(0);

    // Ann adds Bob, found by searching.
    await ann.getByRole("button", { name: "Add people" }).click();
    const add = ann.getByRole("dialog", { name: "Add people to #plans" });
    await add.getByLabel("Search people").fill(bob.person.name.slice(0, 5));
    await add.getByRole("checkbox", { name: `Add ${bob.person.name}` }).check();
    await add.getByRole("button", { name: "Add", exact: true }).click();
    await expect(add).toHaveCount(0);

    // Bob now finds it (on his next look at the list) and reads the message.
    await bob.page.reload();
    await bobChannels.getByRole("button", { name: /plans/ }).click();
    await expect(messageFrom(bob.page, "Secret launch date")).toBeVisible();
  } finally {
    await bob.close();
  }
});

test("typing, presence, a status and a file reach the other person live", async ({ page: ann, browser }) => {
  await signUp(ann, newPerson("Ann"));
  const bob = await colleagueJoins(browser, ann, "Bob");
  try {
    await ann.goto("/chat");
    await bob.page.goto("/chat");
    const people = ann.getByRole("complementary", { name: "People" });
    const bobInList = people.getByRole("listitem", { name: bob.person.name });
    await expect(bobInList.getByRole("img", { name: "online" })).toBeVisible();

    // Bob types: Ann sees it, and it goes when his message arrives.
    await bob.page.getByRole("textbox", { name: "Message" }).pressSequentially("On my way");
    await expect(ann.getByText(`${bob.person.name} is typing…`)).toBeVisible();
    await bob.page.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect(messageFrom(ann, "On my way")).toBeVisible();
    await expect(ann.getByText(`${bob.person.name} is typing…`)).toHaveCount(0);

    // Bob sets a status: Ann sees it beside his name.
    await bob.page.getByRole("complementary", { name: "People" }).getByRole("button", { name: "Set a status" }).click();
    const dialog = bob.page.getByRole("dialog", { name: "Set a status" });
    await dialog.getByRole("button", { name: /In a meeting/ }).click();
    await dialog.getByRole("button", { name: "Save status" }).click();
    await expect(bobInList).toContainText("In a meeting");

    // Bob sends a file: Ann gets it, byte for byte.
    await bob.page.getByLabel("Attach files to the message").setInputFiles({ name: "agenda.txt", mimeType: "text/plain", buffer: Buffer.from("1. Launch\n2. Lunch\n") });
    await expect(bob.page.getByRole("list", { name: "Attached files" })).toContainText("agenda.txt");
    await expect(bob.page.getByText("Sending waits for the uploads to finish.")).toHaveCount(0);
    await bob.page.getByRole("textbox", { name: "Message" }).press("Enter");
    const file = messageFrom(ann, "agenda.txt").getByRole("link", { name: /agenda\.txt/ });
    await expect(file).toBeVisible();
    const download = await ann.request.get((await file.getAttribute("href"))!);
    expect(await download.text()).toBe("1. Launch\n2. Lunch\n");

    // Bob leaves: Ann sees him offline.
    await bob.page.close();
    await expect(bobInList.getByRole("img", { name: "offline" })).toBeVisible({ timeout: 15_000 }); // after a grace period for reconnecting tabs
  } finally {
    await bob.close();
  }
});
