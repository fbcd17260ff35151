// A console restarts (a deploy, a crash) while someone has a channel open: once
// it is back, their page shows what was posted meanwhile, without a reload,
// each message once and in order, and stays live.
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
  await expect(messageFrom(page, text)).toBeVisible();
}

/** A mark on the page's window that a reload would wipe. */
const markWindow = (page: Page) => page.evaluate(() => Object.assign(window, { awanNotReloaded: true }));
const stillSameWindow = (page: Page) => page.evaluate(() => (window as unknown as { awanNotReloaded?: boolean }).awanNotReloaded === true);

let restarting: ConsoleProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  restarting = await consoleProcess();
  await restarting.start();
});

test.afterAll(async () => {
  await restarting?.stop();
});

test("after its console restarts, an open channel shows the messages posted meanwhile, once each and in order, and stays live", async ({
  page: ann,
  browser,
}) => {
  test.setTimeout(240_000);
  await signUp(ann, newPerson("Ann"));
  const link = await createInviteLink(ann, "MEMBER");
  const bobContext = await browser.newContext({ baseURL: restarting.url });
  try {
    const bob = await bobContext.newPage();
    await joinWithNewAccount(bob, onConsole(link, restarting.url), newPerson("Bob"));
    await ann.goto("/chat");
    await bob.goto("/chat");
    await expect(bob.getByRole("region", { name: "#general" })).toBeVisible();

    // Live before the restart.
    await send(ann, "Before the restart");
    await expect(messageFrom(bob, "Before the restart")).toBeVisible();
    await markWindow(bob);

    // Bob's console goes away; Ann, on the other one, keeps posting.
    await restarting.stop();
    for (const n of [1, 2, 3]) await send(ann, `Meanwhile ${n}`);

    await restarting.start();
    const expected = [/Before the restart/, /Meanwhile 1/, /Meanwhile 2/, /Meanwhile 3/];
    await expect(messageItems(bob)).toHaveText(expected, { timeout: 60_000 });
    expect(await stillSameWindow(bob)).toBe(true);

    // Live again both ways, still without a reload.
    await send(ann, "After the restart");
    await expect(messageFrom(bob, "After the restart")).toBeVisible({ timeout: 30_000 });
    await send(bob, "Back online");
    await expect(messageFrom(ann, "Back online")).toBeVisible();
    await expect(messageItems(bob)).toHaveText([...expected, /After the restart/, /Back online/]);
    expect(await stillSameWindow(bob)).toBe(true);
  } finally {
    await bobContext.close();
  }
});
