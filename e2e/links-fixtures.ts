import { expect, type Locator, type Page } from "@playwright/test";
import crypto from "node:crypto";

/** Selects the item named `name` on the Files page and opens its Share dialog. */
export async function openShareDialog(page: Page, name: string): Promise<Locator> {
  await page.getByRole("checkbox", { name: `Select ${name}` }).click();
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Share “${name}”` });
  await expect(dialog.getByRole("heading", { name: "Public links" })).toBeVisible();
  return dialog;
}

type LinkOptions = { password?: string; expiresOn?: Date; maxDownloads?: number; drop?: boolean };

/** Fills the dialog's "New public link" form, creates it, and returns the address shown once. */
export async function createPublicLink(dialog: Locator, options: LinkOptions = {}): Promise<string> {
  const form = dialog.getByRole("form", { name: "New public link" });
  if (options.password) await form.getByLabel("Password").fill(options.password);
  if (options.expiresOn) await form.getByLabel("Expires on").fill(localDate(options.expiresOn));
  if (options.maxDownloads) await form.getByLabel("Download limit").fill(String(options.maxDownloads));
  if (options.drop) await form.getByRole("checkbox", { name: /File drop/ }).check();
  await form.getByRole("button", { name: "Create link" }).click();
  const shown = dialog.getByRole("textbox", { name: "New link" });
  await expect(shown).toHaveValue(/\/s\/[A-Za-z0-9_-]{32}$/);
  return shown.inputValue();
}

const localDate = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

/** Moves the expiry of the link at `url` straight in the database (owner connection), as time passing would. */
export async function setLinkExpiry(url: string, expiresAt: Date) {
  const token = new URL(url).pathname.split("/").pop()!;
  const tokenHash = crypto.createHash("sha256").update(token).digest("hex");
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rowCount } = await client.query(`UPDATE "ShareLink" SET "expiresAt" = $2 WHERE "tokenHash" = $1`, [tokenHash, expiresAt]);
  await client.end();
  if (rowCount !== 1) throw new Error(`No link has the token of ${url}.`);
}
