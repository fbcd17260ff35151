import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createInviteLink, fileRow, joinWithNewAccount, newPerson, pickFiles, signUp } from "./fixtures";

const channels = (page: Page) => page.getByRole("navigation", { name: "Channels" });

/**
 * Colleagues who join Ann's organization, each in a browser context of their
 * own. The invite links are made before anyone joins: once someone has, Admin
 * → Members has more than one field labelled Role.
 */
async function colleaguesJoin(browser: Browser, admin: Page, labels: string[]) {
  const links: string[] = [];
  for (const _ of labels) links.push(await createInviteLink(admin, "MEMBER"));
  return Promise.all(
    labels.map(async (label, i) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const person = newPerson(label);
      await joinWithNewAccount(page, links[i]!, person);
      return { person, page, close: () => context.close() };
    }),
  );
}

/** Files → Workspaces, then the shared folder of `workspace`. */
async function openWorkspaceFolder(page: Page, workspace: string) {
  await page.goto("/files/workspaces");
  await page.getByRole("list", { name: "Workspace folders" }).getByRole("link", { name: new RegExp(workspace) }).click();
  await expect(page).toHaveURL(/\/files\?folder=/);
}

test("a workspace's channel and shared folder reach its members and no one else", async ({ page: ann, browser }, testInfo) => {
  await signUp(ann, newPerson("Ann"));
  const [bob, carol] = await colleaguesJoin(browser, ann, ["Bob", "Carol"]);
  if (!bob || !carol) throw new Error("Bob and Carol did not join");
  try {
    // Ann creates the workspace and adds Bob.
    await ann.goto("/workspaces");
    await ann.getByRole("button", { name: "New workspace" }).click();
    const create = ann.getByRole("dialog", { name: "New workspace" });
    await create.getByLabel("Workspace name").fill("Launch");
    await create.getByRole("button", { name: "Create workspace" }).click();
    await expect(ann.getByRole("heading", { name: "Launch", exact: true })).toBeVisible();
    const person = ann.getByLabel("Person to add", { exact: true });
    await person.selectOption({ label: (await person.getByRole("option").filter({ hasText: bob.person.name }).textContent()) ?? bob.person.name });
    await ann.getByRole("button", { name: "Add to workspace" }).click();
    const people = ann.getByRole("list", { name: "People in Launch" });
    await expect(people).toContainText(bob.person.name);
    await expect(people.getByLabel(`Role of ${bob.person.name}`)).toHaveValue("MEMBER");

    // Ann creates a channel in it from Chat; it is listed under the workspace's heading.
    await ann.goto("/chat");
    await expect(ann.getByRole("region", { name: "#general" })).toBeVisible();
    await channels(ann).getByRole("button", { name: "New channel" }).click();
    const dialog = ann.getByRole("dialog", { name: "New channel" });
    await dialog.getByLabel("Workspace").selectOption({ label: "Launch" });
    await dialog.getByLabel("Channel name").fill("launch-plan");
    await dialog.getByRole("button", { name: "Create channel" }).click();
    await expect(ann.getByRole("region", { name: "#launch-plan" })).toBeVisible();
    await expect(channels(ann).getByRole("list", { name: "Channels of Launch" })).toContainText("launch-plan");

    // Bob sees it under Launch and posts; Ann sees the message.
    await bob.page.goto("/chat");
    const bobsLaunch = channels(bob.page).getByRole("list", { name: "Channels of Launch" });
    await bobsLaunch.getByRole("button", { name: /launch-plan/ }).click();
    await expect(bob.page.getByRole("region", { name: "#launch-plan" })).toBeVisible();
    await bob.page.getByRole("textbox", { name: "Message" }).fill("Ready when you are");
    await bob.page.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect(ann.getByRole("list", { name: "Messages" })).toContainText("Ready when you are");

    // Carol, not in the workspace, does not see the channel.
    await carol.page.goto("/chat");
    await expect(carol.page.getByRole("region", { name: "#general" })).toBeVisible();
    await expect(channels(carol.page).getByRole("heading", { name: "Launch", exact: true })).toHaveCount(0);
    await expect(channels(carol.page)).not.toContainText("launch-plan");

    // A file Ann puts in the workspace's folder is there for Bob.
    const file = testInfo.outputPath("launch-brief.txt");
    fs.writeFileSync(file, "What we launch, and when.");
    await openWorkspaceFolder(ann, "Launch");
    await pickFiles(ann, "Upload files", file);
    await expect(fileRow(ann, "launch-brief.txt")).toBeVisible();
    await openWorkspaceFolder(bob.page, "Launch");
    await expect(fileRow(bob.page, "launch-brief.txt")).toBeVisible();
    await expect(bob.page.getByRole("navigation", { name: "Folder path" })).toHaveText(/Workspaces\s*›\s*Launch/);
    // Carol has no folder of Launch.
    await carol.page.goto("/files/workspaces");
    await expect(carol.page.getByRole("list", { name: "Workspace folders" })).not.toContainText("Launch");
  } finally {
    await bob.close();
    await carol.close();
  }
});
