import { expect, type Download, type FileChooser, type Page } from "@playwright/test";
import crypto from "node:crypto";
import fs from "node:fs";

export const PASSWORD = "correct horse battery staple";

export function newPerson(label: string) {
  const id = crypto.randomUUID().slice(0, 8);
  return { name: `${label} ${id}`, email: `${label.toLowerCase()}-${id}@example.test`, organization: `${label} Co ${id}` };
}

export async function signUp(page: Page, person: ReturnType<typeof newPerson>) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Organization").fill(person.organization);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/files$/);
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Admin → Members → Invite people, as the signed-in admin on `page`; returns the link. */
export async function createInviteLink(page: Page, role: "ADMIN" | "MEMBER" | "GUEST") {
  await page.goto("/admin/members");
  await page.getByRole("button", { name: "Invite people" }).click();
  await page.getByLabel("Role").selectOption(role);
  await page.getByRole("button", { name: "Create invite link" }).click();
  return page.getByRole("textbox", { name: "Invite link" }).inputValue();
}

/** Locks an account as ten failed sign-ins would, straight in the database (owner connection). */
export async function lockAccount(email: string) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(
    `INSERT INTO "SignInThrottle" ("key", "failures", "windowStartsAt", "lockedUntil") VALUES ($1, 0, now(), now() + interval '15 minutes')`,
    [`account:${email}`],
  );
  await client.end();
}

/**
 * Signs in as an owner of the server's first organization (its platform
 * administrator). Every account the test suites create has PASSWORD, so the
 * first one, whichever suite made it, can sign in.
 */
export async function signInAsPlatformAdmin(page: Page) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query<{ email: string }>(
    `SELECT u.email FROM "Organization" o JOIN "Membership" m ON m."organizationId" = o.id AND m.role = 'OWNER'
     JOIN "User" u ON u.id = m."userId" ORDER BY o."createdAt", m."createdAt" LIMIT 1`,
  );
  await client.end();
  if (!rows[0]) throw new Error("No organization exists yet.");
  await signIn(page, rows[0].email);
  await expect(page).toHaveURL(/\/files$/);
}

/** Gives everyone in the organization named `organization` a personal quota, straight in the database (owner connection). */
export async function setPersonQuota(organization: string, bytes: number) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rowCount } = await client.query(
    `INSERT INTO "FileSettings" ("organizationId", "personQuotaBytes")
     SELECT id, $2 FROM "Organization" WHERE name = $1
     ON CONFLICT ("organizationId") DO UPDATE SET "personQuotaBytes" = EXCLUDED."personQuotaBytes"`,
    [organization, bytes],
  );
  await client.end();
  if (rowCount !== 1) throw new Error(`No organization is named ${organization}.`);
}

/** Opens an invite link on `page` (a context nobody is signed in to) and creates the invited account. */
export async function joinWithNewAccount(page: Page, link: string, person: ReturnType<typeof newPerson>) {
  await page.goto(link);
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /Create account/ }).click();
  await expect(page).toHaveURL(/\/files$/);
}

// The Files page, as its specs drive it.

export const MIB = 1024 * 1024;

/** Random bytes in a file, written a MiB at a time. */
export function writeRandomFile(file: string, bytes: number) {
  const fd = fs.openSync(file, "w");
  for (let written = 0; written < bytes; written += MIB) fs.writeSync(fd, crypto.randomBytes(Math.min(MIB, bytes - written)));
  fs.closeSync(fd);
}

export const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");

export async function sha256OfDownload(download: Download) {
  return sha256(fs.readFileSync(await download.path()));
}

/** Clicks one of the upload buttons and answers its file chooser. */
export async function pickFiles(page: Page, button: string, files: Parameters<FileChooser["setFiles"]>[0]) {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: button, exact: true }).click();
  await (await chooser).setFiles(files);
}

/** The listing's row of the item named `name`. */
export const fileRow = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByText(name, { exact: true }) });

/** "New folder" in the folder shown, and waits for its row. */
export async function createFolder(page: Page, name: string) {
  await page.getByRole("button", { name: "New folder" }).click();
  await page.getByLabel("Folder name").fill(name);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(fileRow(page, name)).toBeVisible();
}

/** The upload panel's entry for `file`. */
export const uploadOf = (page: Page, file: string) => page.getByRole("listitem", { name: `Upload of ${file}` });

/** Downloads a file through its preview's Download link. */
export async function downloadThroughPreview(page: Page, name: string) {
  await fileRow(page, name).getByRole("button", { name, exact: true }).click();
  const preview = page.getByRole("dialog", { name });
  const download = page.waitForEvent("download");
  await preview.getByRole("link", { name: "Download" }).click();
  const done = await download;
  await preview.getByRole("button", { name: "Close" }).click();
  return done;
}
