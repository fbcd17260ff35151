// Sharing, as its spec drives it: colleagues joining, the share dialog, groups, and calls a page makes by hand.
import { expect, type Browser, type Page } from "@playwright/test";
import { createInviteLink, joinWithNewAccount, newPerson } from "./fixtures";

/** Someone who joins the organization of the admin signed in on `adminPage`, in a browser context of their own. */
export async function colleagueJoins(browser: Browser, adminPage: Page, label: string, role: "MEMBER" | "GUEST" = "MEMBER") {
  const link = await createInviteLink(adminPage, role);
  const context = await browser.newContext();
  const page = await context.newPage();
  const person = newPerson(label);
  await joinWithNewAccount(page, link, person);
  return { person, page, close: () => context.close() };
}

export type ShareRoleLabel = "Viewer" | "Editor" | "Can add files only";

/** Selects `itemName` in the folder shown, shares it with the person or group named `who` as `role` through the Share dialog, and closes it. */
export async function shareItem(page: Page, itemName: string, who: string, role: ShareRoleLabel) {
  await page.getByRole("checkbox", { name: `Select ${itemName}` }).check();
  await page.getByRole("toolbar", { name: "Selected items" }).getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Share “${itemName}”` });
  await dialog.getByRole("combobox", { name: "Add people or groups" }).fill(who);
  await dialog.getByRole("option").filter({ hasText: who }).first().click();
  await dialog.getByLabel("Role for the people and groups added").selectOption({ label: role });
  await dialog.getByRole("button", { name: "Share", exact: true }).click();
  await expect(dialog.getByRole("list", { name: "Who has access" })).toContainText(role);
  await dialog.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "Clear selection" }).click();
}

/** Admin → Groups: a new group with one person in it, chosen by name. */
export async function createGroupWith(page: Page, group: string, personName: string) {
  await page.goto("/admin/groups");
  await page.getByLabel("Group name").fill(group);
  await page.getByRole("button", { name: "Create group" }).click();
  const person = page.getByLabel("Person to add");
  await person.selectOption({ label: (await person.getByRole("option").filter({ hasText: personName }).textContent()) ?? personName });
  await page.getByRole("button", { name: "Add to group" }).click();
  await expect(page.getByRole("list", { name: `People in ${group}` })).toContainText(personName);
}

/** A tRPC mutation sent by hand from the page (its session cookie, same origin), as a person could from the console: the server's answer. */
export async function forcedMutation(page: Page, procedure: string, input: unknown) {
  return page.evaluate(
    async ([path, body]) => {
      const response = await fetch(`/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: body }) });
      return { status: response.status, text: await response.text() };
    },
    [procedure, input] as const,
  );
}
