import { expect, test, type Browser } from "@playwright/test";
import fs from "node:fs";
import { createFolder, fileRow, newPerson, pickFiles, signUp } from "./fixtures";
import { createPublicLink, openShareDialog, setLinkExpiry } from "./links-fixtures";

const text = (name: string, body: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(body) });
const tomorrow = () => new Date(Date.now() + 24 * 3600_000);

/** A visitor with a browser of their own: no account, no cookies. */
async function anonymousPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

test("a password-protected, expiring link opens for an anonymous visitor, and stops after its expiry and after it is turned off", async ({ page, browser }) => {
  await signUp(page, newPerson("Sharer"));
  await pickFiles(page, "Upload files", text("report.txt", "the quarterly report"));
  await expect(fileRow(page, "report.txt")).toBeVisible();
  const dialog = await openShareDialog(page, "report.txt");
  const expiring = await createPublicLink(dialog, { password: "link password 1", expiresOn: tomorrow() });
  await expect(dialog.getByText("this is the only time it is shown")).toBeVisible();
  const second = await createPublicLink(dialog, { password: "link password 2", expiresOn: tomorrow() });
  await expect(dialog.getByRole("list", { name: "Public links" }).getByRole("listitem")).toHaveCount(2);

  const visitor = await anonymousPage(browser);
  await visitor.goto(expiring);
  await expect(visitor.getByRole("heading", { name: "This link is protected by a password" })).toBeVisible();
  await expect(visitor.getByText("report.txt")).toHaveCount(0);
  await visitor.getByLabel("Password").fill("not the password");
  await visitor.getByRole("button", { name: "Open" }).click();
  await expect(visitor.getByRole("alert").filter({ hasText: "password" })).toHaveText("That password is not right.");
  await visitor.getByLabel("Password").fill("link password 1");
  await visitor.getByRole("button", { name: "Open" }).click();
  await expect(visitor.getByRole("heading", { name: "report.txt" })).toBeVisible();
  await expect(visitor.getByText("the quarterly report")).toBeVisible(); // the preview
  await expect(visitor.getByText(/This link works until/)).toBeVisible();
  const download = visitor.waitForEvent("download");
  await visitor.getByRole("link", { name: "Download" }).click();
  expect(fs.readFileSync(await (await download).path(), "utf8")).toBe("the quarterly report");

  // Time passes: the link has expired, and the page says so without naming the file.
  await setLinkExpiry(expiring, new Date(Date.now() - 1000));
  await visitor.reload();
  await expect(visitor.getByRole("heading", { name: "This link has expired." })).toBeVisible();
  await expect(visitor.getByText("report.txt")).toHaveCount(0);
  const direct = await visitor.request.get(`${new URL(expiring).pathname.replace("/s/", "/api/public/")}/info`);
  expect(direct.status()).toBe(410);

  // The second link works until its owner turns it off.
  await visitor.goto(second);
  await visitor.getByLabel("Password").fill("link password 2");
  await visitor.getByRole("button", { name: "Open" }).click();
  await expect(visitor.getByRole("heading", { name: "report.txt" })).toBeVisible();
  const newest = dialog.getByRole("list", { name: "Public links" }).getByRole("listitem").first();
  await newest.getByRole("button", { name: "Turn off", exact: true }).click();
  await newest.getByRole("button", { name: "Turn off for good" }).click();
  await expect(newest).toContainText("Turned off");
  await visitor.reload();
  await expect(visitor.getByRole("heading", { name: "This link was turned off by the person who shared it." })).toBeVisible();
  await visitor.context().close();
});

test("a file drop takes an anonymous upload, which then appears in the owner's folder; the dropper sees nothing of it", async ({ page, browser }) => {
  await signUp(page, newPerson("Collector"));
  await createFolder(page, "Inbox");
  await fileRow(page, "Inbox").getByRole("link", { name: "Inbox" }).click();
  await expect(page.getByRole("heading", { name: "This folder is empty" })).toBeVisible();
  await pickFiles(page, "Upload files", text("already-here.txt", "private"));
  await expect(fileRow(page, "already-here.txt")).toBeVisible();
  await page.goto("/files");
  const dialog = await openShareDialog(page, "Inbox");
  const drop = await createPublicLink(dialog, { drop: true });
  await expect(dialog.getByRole("list", { name: "Public links" })).toContainText("File drop");

  const dropper = await anonymousPage(browser);
  await dropper.goto(drop);
  await expect(dropper.getByRole("heading", { name: "Send files to “Inbox”" })).toBeVisible();
  await dropper.getByLabel("Files to send").setInputFiles([text("homework.txt", "my homework"), text("already-here.txt", "mine, not theirs")]);
  await expect(dropper.getByRole("listitem", { name: "Upload of homework.txt" })).toContainText("Sent");
  await expect(dropper.getByRole("listitem", { name: "Upload of already-here.txt" })).toContainText("Sent");
  // The dropper is never shown what the folder holds, nor what name their file got.
  await expect(dropper.getByText("already-here (2).txt")).toHaveCount(0);
  expect((await dropper.request.get(`${new URL(drop).pathname.replace("/s/", "/api/public/")}/folder`)).status()).toBe(403);
  await dropper.context().close();

  await page.keyboard.press("Escape");
  await fileRow(page, "Inbox").getByRole("link", { name: "Inbox" }).click();
  await expect(fileRow(page, "homework.txt")).toBeVisible();
  await expect(fileRow(page, "already-here (2).txt")).toBeVisible();
  await expect(fileRow(page, "already-here.txt")).toBeVisible();
});

test("the organization's policy in Admin → Files makes links need a password and an expiry within its limit", async ({ page }) => {
  await signUp(page, newPerson("Strict"));
  await page.goto("/admin/files");
  await page.getByRole("checkbox", { name: /Public links need a password/ }).check();
  await page.getByLabel("Public links expire within (days)").fill("7");
  await page.getByRole("button", { name: "Save file settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /Public links need a password/ })).toBeChecked();
  await expect(page.getByLabel("Public links expire within (days)")).toHaveValue("7");

  await page.goto("/files");
  await pickFiles(page, "Upload files", text("policy.txt", "p"));
  await expect(fileRow(page, "policy.txt")).toBeVisible();
  const dialog = await openShareDialog(page, "policy.txt");
  const form = dialog.getByRole("form", { name: "New public link" });
  await form.getByRole("button", { name: "Create link" }).click();
  await expect(form.getByRole("alert")).toHaveText("Your organization requires a password on public links. Set one.");
  await form.getByLabel("Password").fill("a long password");
  await form.getByRole("button", { name: "Create link" }).click();
  await expect(form.getByRole("alert")).toContainText("Your organization requires public links to expire within 7 days");
  expect(await createPublicLink(dialog, { password: "a long password", expiresOn: tomorrow() })).toMatch(/\/s\//);
});
