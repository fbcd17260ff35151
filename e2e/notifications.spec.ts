import { expect, test, type Page } from "@playwright/test";
import { createFolder, newPerson, signUp } from "./fixtures";
import { colleagueJoins, shareItem } from "./sharing-fixtures";

const bell = (page: Page) => page.getByRole("button", { name: /^Notifications/ });
const panel = (page: Page) => page.getByRole("dialog", { name: "Notifications" });

test("a share reaches the colleague's bell; opening it lands in Shared with me and clears the count", async ({ page, browser }) => {
  const owner = newPerson("Owner");
  await signUp(page, owner);
  const colleague = await colleagueJoins(browser, page, "Colleague");
  await page.goto("/files");
  await createFolder(page, "Plans");
  await shareItem(page, "Plans", colleague.person.email, "Viewer");

  // The sharer is not notified of their own share.
  await bell(page).click();
  await expect(panel(page)).toContainText(/You.re all caught up/);
  await page.keyboard.press("Escape");
  await expect(panel(page)).toBeHidden();
  await expect(bell(page)).toBeFocused();

  const c = colleague.page;
  await c.goto("/settings"); // any page: the bell is in the shell
  await expect(bell(c)).toHaveAccessibleName("Notifications, 1 unread");
  await expect(bell(c)).toContainText("1");
  await bell(c).click();
  const item = panel(c).getByRole("link", { name: new RegExp(`${owner.name} shared “Plans” with you`) });
  await expect(item).toContainText("Unread");
  await expect(item).toContainText("Share");
  await item.click();

  await expect(c).toHaveURL(/\/files\?folder=/);
  await expect(c.getByRole("navigation", { name: "Folder path" })).toContainText("Shared with me›Plans");
  await expect(bell(c)).toHaveAccessibleName("Notifications");
  await expect(bell(c)).not.toContainText("1");
  // Still listed, now read.
  await bell(c).click();
  await expect(panel(c).getByRole("link", { name: /shared “Plans” with you/ })).not.toContainText("Unread");
  await expect(panel(c).getByRole("button", { name: "Mark all as read" })).toBeHidden();
  await colleague.close();
});

test("Settings → Notifications keeps which kinds also go by e-mail, and says where the copies go", async ({ page }) => {
  const person = newPerson("Prefs");
  await signUp(page, person);
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Notifications" }).click();
  await expect(page).toHaveURL(/\/settings\/notifications$/);
  // An address on another domain, and the console under test has a relay (scripts/test.ts).
  await expect(page.getByRole("status").filter({ hasText: "E-mail copies go to" })).toHaveText(
    `E-mail copies go to your account’s address, ${person.email}, through this server’s mail relay.`,
  );
  const emailKinds = page.getByRole("group", { name: "Also send by e-mail" });
  await expect(emailKinds.getByRole("checkbox")).toHaveCount(5);
  await emailKinds.getByRole("checkbox", { name: "Shares" }).check();
  await emailKinds.getByRole("checkbox", { name: "Mentions" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toHaveText("Saved. Mentions, Shares will also go to you by e-mail.");

  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Shares" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Mentions" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Direct messages" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Invitations" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Thread replies" })).not.toBeChecked();
});
