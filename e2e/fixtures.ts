import { expect, type Page } from "@playwright/test";
import crypto from "node:crypto";

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
