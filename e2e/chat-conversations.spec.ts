import { expect, test, type Page } from "@playwright/test";
import { newPerson, signUp } from "./fixtures";
import { colleagueJoins } from "./sharing-fixtures";

const messages = (page: Page) => page.getByRole("list", { name: "Messages" });
const messageFrom = (page: Page, text: string) => messages(page).getByRole("listitem").filter({ hasText: text });
const channels = (page: Page) => page.getByRole("navigation", { name: "Channels" });
const directMessages = (page: Page) => page.getByRole("navigation", { name: "Direct messages" });
// The sidebar's lists refresh on their own every few seconds; the open conversation is live.
const SIDEBAR = { timeout: 25_000 };

async function send(page: Page, box: string, text: string) {
  const field = page.getByRole("textbox", { name: box });
  await field.fill(text);
  await field.press("Enter");
  await expect(field).toHaveValue("");
}

test("a direct message, a thread reply and a mention reach the other person, with unread and mention badges", async ({ page: ann, browser }) => {
  test.setTimeout(150_000);
  const annPerson = newPerson("Ann");
  await signUp(ann, annPerson);
  const bob = await colleagueJoins(browser, ann, "Bob");
  try {
    await ann.goto("/chat");
    await bob.page.goto("/chat");
    await expect(bob.page.getByRole("region", { name: "#general" })).toBeVisible();

    // Ann writes to Bob directly, found in the New message dialog by searching.
    await directMessages(ann).getByRole("button", { name: "New message" }).click();
    const dialog = ann.getByRole("dialog", { name: "New message" });
    await dialog.getByLabel("Search people").fill(bob.person.name.slice(0, 6));
    await dialog.getByRole("checkbox", { name: `Write to ${bob.person.name}` }).check();
    await dialog.getByRole("button", { name: "Start conversation" }).click();
    await expect(ann.getByRole("region", { name: bob.person.name })).toBeVisible();
    await expect(ann).toHaveURL(/\/chat\?channel=/);
    await send(ann, "Message", "A private word, Bob");

    // Bob finds the conversation under Direct messages, named for Ann, and reads it.
    const fromAnn = directMessages(bob.page).getByRole("button", { name: new RegExp(annPerson.name) });
    await expect(fromAnn).toBeVisible(SIDEBAR);
    await expect(fromAnn.getByLabel("1 unread")).toBeVisible(SIDEBAR);
    await fromAnn.click();
    await expect(bob.page.getByRole("region", { name: annPerson.name })).toBeVisible();
    await expect(messageFrom(bob.page, "A private word, Bob")).toBeVisible();

    // Ann posts in #general while Bob is in the conversation: an unread badge, then a "New messages" line.
    await channels(ann).getByRole("button", { name: /general/ }).click();
    await expect(ann.getByRole("region", { name: "#general" })).toBeVisible();
    await send(ann, "Message", "Lunch at noon?");
    await expect(messageFrom(ann, "Lunch at noon?")).toBeVisible();
    const general = channels(bob.page).getByRole("button", { name: /general/ });
    await expect(general.getByLabel("1 unread")).toBeVisible(SIDEBAR);
    await general.click();
    await expect(bob.page.getByRole("separator", { name: "New messages" })).toBeVisible();
    await expect(bob.page.getByRole("button", { name: "Jump to first unread" })).toBeVisible();

    // Bob answers in a thread; Ann sees the reply count live and the reply in the thread.
    await messageFrom(bob.page, "Lunch at noon?").getByRole("button", { name: "Reply" }).click();
    const bobThread = bob.page.getByRole("complementary", { name: "Thread" });
    await expect(bobThread.getByRole("list", { name: "Thread start" })).toContainText("Lunch at noon?");
    await send(bob.page, "Reply", "Count me in");
    await expect(bobThread.getByRole("list", { name: "Replies" })).toContainText("Count me in");
    await expect(messages(bob.page)).not.toContainText("Count me in"); // replies stay in their thread
    const replies = messageFrom(ann, "Lunch at noon?").getByRole("button", { name: "1 reply" });
    await expect(replies).toBeVisible();
    await replies.click();
    await expect(ann.getByRole("complementary", { name: "Thread" }).getByRole("list", { name: "Replies" })).toContainText("Count me in");
    await ann.getByRole("button", { name: "Close thread" }).click();

    // Ann goes back to the conversation; Bob mentions her in #general, picked from the suggestions by keyboard.
    await directMessages(ann).getByRole("button", { name: new RegExp(bob.person.name) }).click();
    await expect(ann.getByRole("region", { name: bob.person.name })).toBeVisible();
    const box = bob.page.getByRole("textbox", { name: "Message" });
    await box.click();
    await box.pressSequentially(`@${annPerson.name.slice(0, 3)}`);
    const suggestions = bob.page.getByRole("listbox", { name: "People to mention" });
    await expect(suggestions.getByRole("option", { name: `@${annPerson.name}` })).toBeVisible();
    await box.press("Enter");
    await expect(box).toHaveValue(`@${annPerson.name} `);
    await box.pressSequentially("please review the plan");
    await box.press("Enter");
    await expect(messageFrom(bob.page, "please review the plan").locator("[data-mention]")).toHaveText(`@${annPerson.name}`);

    // Ann sees a mention badge on #general, distinct from the unread count, and the mention highlighted there.
    const annGeneral = channels(ann).getByRole("button", { name: /general/ });
    await expect(annGeneral.getByLabel("1 mention")).toBeVisible(SIDEBAR);
    await annGeneral.click();
    await expect(messageFrom(ann, "please review the plan").locator("[data-mention]")).toHaveText(`@${annPerson.name}`);
  } finally {
    await bob.close();
  }
});

test("/chat?channel= opens that conversation and &message= that message, as notification links do", async ({ page: ann, browser }) => {
  await signUp(ann, newPerson("Ann"));
  const bob = await colleagueJoins(browser, ann, "Bob");
  try {
    await ann.goto("/chat");
    await channels(ann).getByRole("button", { name: "New channel" }).click();
    const dialog = ann.getByRole("dialog", { name: "New channel" });
    await dialog.getByLabel("Channel name").fill("design");
    await dialog.getByRole("button", { name: "Create channel" }).click();
    await expect(ann.getByRole("region", { name: "#design" })).toBeVisible();
    const link = new URL(ann.url());
    expect(link.searchParams.get("channel")).toBeTruthy();
    await send(ann, "Message", "Mockups are up");

    await send(ann, "Message", "Feedback by Friday");
    const messageId = (await messageFrom(ann, "Mockups are up").getAttribute("id"))!.replace(/^message-/, "");

    // Bob opens the link (a public channel he may join) and lands in it.
    await bob.page.goto(`${link.pathname}${link.search}`);
    await expect(bob.page.getByRole("region", { name: "#design" })).toBeVisible();
    await expect(messageFrom(bob.page, "Feedback by Friday")).toBeVisible();

    // With &message=, as a mention's notification links: that message, marked.
    await bob.page.goto(`${link.pathname}${link.search}&message=${messageId}`);
    await expect(messageFrom(bob.page, "Mockups are up")).toHaveAttribute("aria-current", "true");
    await expect(messageFrom(bob.page, "Feedback by Friday")).not.toHaveAttribute("aria-current", "true");
  } finally {
    await bob.close();
  }
});

test("Jump to first unread loads the history around it, past the newest page, below a New messages line", async ({ page: ann, browser }) => {
  await signUp(ann, newPerson("Ann"));
  const bob = await colleagueJoins(browser, ann, "Bob");
  try {
    await bob.page.goto("/chat");
    await expect(bob.page.getByText("No messages yet")).toBeVisible();
    await bob.page.goto("/files");

    // Ann posts more than a page while Bob is away (through the API, as the message box would).
    await ann.goto("/chat");
    await channels(ann).getByRole("button", { name: /general/ }).click();
    await expect(ann).toHaveURL(/channel=/);
    const channelId = new URL(ann.url()).searchParams.get("channel")!;
    await ann.evaluate(async (channelId) => {
      for (let i = 1; i <= 80; i++) {
        const response = await fetch("/api/trpc/chat.post", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ json: { channelId, body: `note ${String(i).padStart(3, "0")}` } }),
        });
        if (!response.ok) throw new Error(`post ${i}: ${response.status}`);
      }
    }, channelId);

    await bob.page.goto("/chat");
    await expect(messageFrom(bob.page, "note 080")).toBeVisible();
    await expect(messageFrom(bob.page, "note 001")).toHaveCount(0); // older than the newest page
    await bob.page.getByRole("button", { name: "Jump to first unread" }).click();
    const line = bob.page.getByRole("separator", { name: "New messages" });
    await expect(line).toBeInViewport();
    await expect(messageFrom(bob.page, "note 001")).toBeInViewport();
    // Scrolling down brings the newer pages back, up to the newest.
    const history = messages(bob.page).locator("xpath=..");
    await expect(async () => {
      await history.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect(messageFrom(bob.page, "note 080")).toHaveCount(1, { timeout: 1_000 });
    }).toPass();
    await expect(bob.page.getByRole("button", { name: "Load newer messages" })).toHaveCount(0);
  } finally {
    await bob.close();
  }
});
