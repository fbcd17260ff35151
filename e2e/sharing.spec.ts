import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { createFolder, fileRow, newPerson, pickFiles, signUp } from "./fixtures";
import { colleagueJoins, createGroupWith, forcedMutation, shareItem } from "./sharing-fixtures";

const text = (name: string, body: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(body) });

/** The owner's folder "Plans" holding notes.txt, shown at the top of My files again. */
async function folderWithNotes(page: Page) {
  await page.goto("/files");
  await createFolder(page, "Plans");
  await fileRow(page, "Plans").getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("navigation", { name: "Folder path" })).toContainText("Plans");
  await pickFiles(page, "Upload files", text("notes.txt", "the owner's words"));
  await expect(fileRow(page, "notes.txt")).toBeVisible();
  const folderUrl = page.url();
  await page.goto("/files");
  return folderUrl;
}

/** Opens "Shared with me" and the shared item named `name` from there; returns its row as it was listed. */
async function openFromSharedWithMe(page: Page, name: string) {
  await page.goto("/files");
  await page.getByRole("navigation", { name: "Files" }).getByRole("link", { name: "Shared with me" }).click();
  const row = page.getByRole("table", { name: "Shared with me" }).getByRole("row").filter({ hasText: name });
  await expect(row).toBeVisible();
  const listed = await row.innerText();
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("navigation", { name: "Folder path" })).toContainText(`Shared with me›${name}`);
  return listed;
}

test("a colleague given a folder as editor finds it under Shared with me, edits a file in it, and the owner sees it; a shortcut in their files opens it", async ({ page, browser }) => {
  const owner = newPerson("Owner");
  await signUp(page, owner);
  const colleague = await colleagueJoins(browser, page, "Editor");
  const folderUrl = await folderWithNotes(page);
  await shareItem(page, "Plans", colleague.person.email, "Editor");

  const c = colleague.page;
  const listed = await openFromSharedWithMe(c, "Plans");
  expect(listed).toContain(owner.name);
  expect(listed).toContain("Editor");
  // A new version of the file, then a new name.
  await pickFiles(c, "Upload files", text("notes.txt", "the colleague's new version"));
  await c.getByRole("dialog", { name: "This name is already taken" }).getByRole("button", { name: "Replace" }).click();
  await expect(fileRow(c, "notes.txt")).toContainText("27 bytes");
  await c.getByRole("checkbox", { name: "Select notes.txt" }).check();
  await c.getByRole("toolbar", { name: "Selected items" }).getByRole("button", { name: "Rename" }).click();
  const rename = c.getByRole("dialog", { name: "Rename “notes.txt”" });
  await rename.getByLabel("New name").fill("notes, edited.txt");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(fileRow(c, "notes, edited.txt")).toBeVisible();

  // The owner sees both changes: the new name, and the colleague's version on top of theirs.
  await page.goto(folderUrl);
  await expect(fileRow(page, "notes, edited.txt")).toContainText("27 bytes");
  await page.getByRole("checkbox", { name: "Select notes, edited.txt" }).check();
  await page.getByRole("button", { name: "Versions" }).click();
  await expect(page.getByRole("dialog", { name: "Versions of “notes, edited.txt”" }).getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Close" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("toolbar", { name: "Selected items" }).getByRole("button", { name: "Download", exact: true }).click();
  expect(fs.readFileSync(await (await downloading).path(), "utf8")).toBe("the colleague's new version");

  // Add to My files: a shortcut, marked as one, that opens the shared folder.
  await c.goto("/files/shared");
  await c.getByRole("button", { name: "Add Plans to My files" }).click();
  const picker = c.getByRole("dialog", { name: "Add “Plans” to My files" });
  await picker.getByRole("button", { name: "Add to “My files”" }).click();
  await expect(c.getByText("Added a shortcut to “Plans” to My files.")).toBeVisible();
  await c.getByRole("navigation", { name: "Files" }).getByRole("link", { name: "My files" }).click();
  const shortcut = fileRow(c, "Plans");
  await expect(shortcut.getByRole("img", { name: "Shortcut" })).toBeVisible();
  await shortcut.getByRole("link", { name: "Plans" }).click();
  await expect(c).toHaveURL(folderUrl.replace(/^https?:\/\/[^/]+/, ""));
  await expect(fileRow(c, "notes, edited.txt")).toBeVisible();
  await colleague.close();
});

test("a viewer sees and downloads but gets no controls to change anything, and the server refuses a forced change", async ({ page, browser }) => {
  await signUp(page, newPerson("Owner"));
  const viewer = await colleagueJoins(browser, page, "Viewer");
  const folderUrl = await folderWithNotes(page);
  await shareItem(page, "Plans", viewer.person.email, "Viewer");

  const v = viewer.page;
  await openFromSharedWithMe(v, "Plans");
  await expect(fileRow(v, "notes.txt")).toBeVisible();
  await expect(v.getByText("You can view and download what is in this folder, but not change it.")).toBeVisible();
  await expect(v.getByRole("button", { name: "Upload files" })).toHaveCount(0);
  await expect(v.getByRole("button", { name: "New folder" })).toHaveCount(0);
  await v.getByRole("checkbox", { name: "Select notes.txt" }).check();
  const actions = v.getByRole("toolbar", { name: "Selected items" });
  await expect(actions.getByRole("button", { name: "Download", exact: true })).toBeVisible();
  for (const name of ["Rename", "Move", "Move to trash", "Share"]) await expect(actions.getByRole("button", { name, exact: true })).toHaveCount(0);
  // Keys do nothing either: Delete and F2 on the file.
  await fileRow(v, "notes.txt").press("Delete");
  await fileRow(v, "notes.txt").press("F2");
  await expect(v.getByRole("dialog")).toHaveCount(0);

  // Sent by hand, the change is refused in the server's words, and nothing changes.
  const fileId = await fileIdOf(v, "notes.txt");
  const renamed = await forcedMutation(v, "files.rename", { itemId: fileId, name: "taken over.txt" });
  expect(renamed.status).toBe(403);
  expect(renamed.text).toContain("You can view this, but not change it.");
  const trashed = await forcedMutation(v, "files.trash", { itemIds: [fileId] });
  expect(trashed.status).toBe(403);
  await page.goto(folderUrl);
  await expect(fileRow(page, "notes.txt")).toBeVisible();
  await viewer.close();
});

test("a folder shared with a group reaches a member of the group", async ({ page, browser }) => {
  await signUp(page, newPerson("Owner"));
  const member = await colleagueJoins(browser, page, "Member");
  await createGroupWith(page, "Design", member.person.name);
  await folderWithNotes(page);
  await shareItem(page, "Plans", "Design", "Viewer");

  const listed = await openFromSharedWithMe(member.page, "Plans");
  expect(listed).toContain("Viewer");
  await expect(fileRow(member.page, "notes.txt")).toBeVisible();
  await member.close();
});

/** The id of the item named `name` in the folder on screen, from the listing's own call. */
async function fileIdOf(page: Page, name: string): Promise<string> {
  const folderId = new URL(page.url()).searchParams.get("folder");
  const listing = await page.evaluate(async (folder) => {
    const input = encodeURIComponent(JSON.stringify({ json: { folderId: folder } }));
    return (await fetch(`/api/trpc/files.list?input=${input}`)).json() as Promise<{ result: { data: { json: { items: { id: string; name: string }[] } } } }>;
  }, folderId);
  const item = listing.result.data.json.items.find((i) => i.name === name);
  if (!item) throw new Error(`${name} is not listed`);
  return item.id;
}
