// A console restarts (a deploy, a crash), or loses its database listener, while
// someone has a channel open: once it is back, their page shows what was
// posted meanwhile, without a reload, each message once and in order, and
// stays live.
import { expect, test, type Browser, type Page } from "@playwright/test";
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

/** Ann signed up on the main console with #general open, and Bob, who joined her organization on `restarting`, with #general open there. */
async function annAndBob(ann: Page, browser: Browser) {
  await signUp(ann, newPerson("Ann"));
  const link = await createInviteLink(ann, "MEMBER");
  const bobContext = await browser.newContext({ baseURL: restarting.url });
  const bob = await bobContext.newPage();
  await joinWithNewAccount(bob, onConsole(link, restarting.url), newPerson("Bob"));
  await ann.goto("/chat");
  await bob.goto("/chat");
  await expect(bob.getByRole("region", { name: "#general" })).toBeVisible();
  // Live before anything goes wrong.
  await send(ann, "Before the outage");
  await expect(messageFrom(bob, "Before the outage")).toBeVisible();
  await markWindow(bob);
  return { bob, close: () => bobContext.close() };
}

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
  const { bob, close } = await annAndBob(ann, browser);
  try {
    // Bob's console goes away; Ann, on the other one, keeps posting.
    await restarting.stop();
    for (const n of [1, 2, 3]) await send(ann, `Meanwhile ${n}`);

    await restarting.start();
    const expected = [/Before the outage/, /Meanwhile 1/, /Meanwhile 2/, /Meanwhile 3/];
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
    await close();
  }
});

test("after its console's database listener is cut, an open channel shows the messages posted meanwhile, once each and in order", async ({ page: ann, browser }) => {
  test.setTimeout(180_000);
  const { bob, close } = await annAndBob(ann, browser);
  const { default: pg } = await import("pg");
  const database = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await database.connect();
  try {
    // The connection Bob's console listens for events on (named after its process), ended by the server as a network fault would.
    const names = restarting.processIds().map((pid) => `awan-events ${pid}`);
    const { rowCount } = await database.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ANY($1)`, [names]);
    expect(rowCount).toBe(1);
    for (const n of [1, 2, 3]) await send(ann, `Meanwhile ${n}`);

    const expected = [/Before the outage/, /Meanwhile 1/, /Meanwhile 2/, /Meanwhile 3/];
    await expect(messageItems(bob)).toHaveText(expected, { timeout: 60_000 });
    await send(ann, "After the outage");
    await expect(messageItems(bob)).toHaveText([...expected, /After the outage/], { timeout: 30_000 });
    expect(await stillSameWindow(bob)).toBe(true);
  } finally {
    await database.end();
    await close();
  }
});
