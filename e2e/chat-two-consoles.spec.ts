// Two people on two console processes over one database, as behind a load
// balancer: what one posts reaches the other live, through the event bus
// between processes (PostgreSQL LISTEN/NOTIFY), not through shared memory.
import { expect, test, type Page } from "@playwright/test";
import { consoleProcess, onConsole, type ConsoleProcess } from "./console-process";
import { createInviteLink, joinWithNewAccount, newPerson, signUp } from "./fixtures";

const messages = (page: Page) => page.getByRole("list", { name: "Messages" });
const messageItems = (page: Page) => messages(page).getByRole("listitem", { name: /^Message from / });
const messageFrom = (page: Page, text: string) => messageItems(page).filter({ hasText: text });

async function send(page: Page, text: string) {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
  await expect(box).toHaveValue("");
}

let second: ConsoleProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  second = await consoleProcess();
  await second.start();
});

test.afterAll(async () => {
  await second?.stop();
});

test("a message, an edit and a reaction on one console appear live for a person on another, and the answer comes back", async ({ page: ann, browser }) => {
  test.setTimeout(120_000);
  await signUp(ann, newPerson("Ann"));
  const link = await createInviteLink(ann, "MEMBER");
  const bobContext = await browser.newContext({ baseURL: second.url });
  try {
    const bob = await bobContext.newPage();
    await joinWithNewAccount(bob, onConsole(link, second.url), newPerson("Bob"));
    expect(new URL(bob.url()).origin).toBe(second.url);

    await ann.goto("/chat");
    await bob.goto("/chat");
    await expect(ann.getByRole("region", { name: "#general" })).toBeVisible();
    await expect(bob.getByRole("region", { name: "#general" })).toBeVisible();
    await expect(bob.getByText("No messages yet")).toBeVisible();

    await send(ann, "Hello from the first console");
    await expect(messageFrom(bob, "Hello from the first console")).toBeVisible();

    await send(bob, "Hello back from the second console");
    await expect(messageFrom(ann, "Hello back from the second console")).toBeVisible();

    // An edit on the first console and a reaction on the second cross over too.
    await messageFrom(ann, "Hello from the first console").getByRole("button", { name: "Edit" }).click();
    const editor = ann.getByRole("textbox", { name: "Edit message" });
    await editor.fill("Hello again from the first console");
    await editor.press("Enter");
    const seenByBob = messageFrom(bob, "Hello again from the first console");
    await expect(seenByBob).toContainText("(edited)");
    await seenByBob.getByRole("button", { name: "React with 🎉" }).click();
    await expect(messageFrom(ann, "Hello again from the first console").getByRole("button", { name: "🎉 1" })).toBeVisible();

    // Each once, in the same order on both consoles.
    const both = [/Hello again from the first console/, /Hello back from the second console/];
    await expect(messageItems(ann)).toHaveText(both);
    await expect(messageItems(bob)).toHaveText(both);
  } finally {
    await bobContext.close();
  }
});
