import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { createInviteLink, joinWithNewAccount, newPerson, signUp } from "./fixtures";

test("an admin adds a domain, checks its DNS, makes support@ for a colleague and gives an alias", async ({ page, browser }) => {
  const owner = newPerson("Mailadmin");
  await signUp(page, owner);
  const link = await createInviteLink(page, "MEMBER");
  const colleague = newPerson("Colleague");
  const colleagueContext = await browser.newContext();
  await joinWithNewAccount(await colleagueContext.newPage(), link, colleague);
  await colleagueContext.close();

  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Mail" }).click();
  await expect(page).toHaveURL(/\/admin\/mail$/);
  const domains = page.getByRole("list", { name: "Mail domains" });
  await expect(domains.getByText("Default")).toBeVisible();
  await expect(page.getByText("No domains of your own yet.")).toBeVisible();

  // A bad name is refused in words; the real one is added with the keyboard.
  await page.getByLabel("Domain name").fill("localhost");
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "“localhost” is not a domain" })).toContainText("needs a dot");
  const domain = `acme-${crypto.randomUUID().slice(0, 8)}.com`;
  await page.getByLabel("Domain name").fill(domain.toUpperCase());
  await page.getByLabel("Domain name").press("Enter");
  await expect(page.getByRole("status").filter({ hasText: `Added ${domain}` })).toBeVisible();

  const records = page.getByRole("table", { name: `DNS records for ${domain}` });
  await expect(records.getByRole("row")).toHaveCount(5); // header and four records
  await expect(records.getByRole("row", { name: "MX record" })).toContainText(domain);
  await expect(records.getByRole("row", { name: "SPF record" })).toContainText("v=spf1 mx -all");
  await expect(records.getByRole("row", { name: "DKIM record" })).toContainText(`awan._domainkey.${domain}`);
  await expect(records.getByRole("row", { name: "DKIM record" })).toContainText("v=DKIM1; k=rsa; p=MII");
  await expect(records.getByRole("row", { name: "DMARC record" })).toContainText(`v=DMARC1; p=quarantine; rua=mailto:postmaster@${domain}`);
  await expect(records.getByText("Not checked yet")).toHaveCount(4);

  // This machine has no public DNS: each record says so instead of "missing".
  await page.getByRole("button", { name: `Check DNS for ${domain}` }).click();
  await expect(records.getByText("Could not check", { exact: true })).toHaveCount(4);
  await expect(domains.getByRole("listitem", { name: domain })).toContainText("DNS last checked");

  // support@ on the new domain, read by the colleague.
  const shared = page.getByRole("list", { name: "Shared mailboxes" });
  await expect(page.getByText("No shared mailboxes yet.")).toBeVisible();
  await page.getByLabel("Mailbox name").fill("Support");
  await page.getByLabel("Mailbox address: part before the @").fill("support");
  await page.getByLabel("Mailbox address: domain").selectOption({ label: domain });
  await page.getByRole("checkbox", { name: colleague.name }).check();
  await page.getByRole("button", { name: "Create shared mailbox" }).click();
  const support = shared.getByRole("listitem", { name: "Support" });
  await expect(support.getByRole("list", { name: "Addresses of Support" })).toContainText(`support@${domain}`);
  await expect(support.getByRole("list", { name: "People who read Support" })).toContainText(colleague.name);
  await expect(support).toContainText("1 member");

  // The same address again is refused with who holds it.
  await page.getByLabel("Mailbox name").fill("Support two");
  await page.getByLabel("Mailbox address: part before the @").fill("support");
  await page.getByLabel("Mailbox address: domain").selectOption({ label: domain });
  await page.getByRole("button", { name: "Create shared mailbox" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `support@${domain}` })).toContainText(`support@${domain} is the main address of the shared mailbox Support`);

  // An alias for the colleague's own mailbox, then the domain lists two addresses.
  const mailboxes = page.getByRole("list", { name: "Members' mailboxes" });
  await mailboxes.getByRole("button", { name: `Add an alias for ${colleague.name}` }).click();
  await page.getByLabel(`New alias for ${colleague.name}: part before the @`).fill("Sales");
  await page.getByLabel(`New alias for ${colleague.name}: domain`).selectOption({ label: domain });
  await page.getByRole("button", { name: "Add alias" }).click();
  const colleagueBox = mailboxes.getByRole("listitem", { name: colleague.name });
  await expect(colleagueBox.getByRole("list", { name: `Addresses of ${colleague.name}` })).toContainText(`sales@${domain}`);
  await expect(colleagueBox.getByRole("progressbar", { name: `Mail stored by ${colleague.name}` })).toHaveAttribute("aria-valuetext", "0 bytes of 500 MB");
  await expect(domains.getByRole("listitem", { name: domain })).toContainText("2 addresses");

  // The quota, saved and shown against each mailbox.
  await page.getByLabel("Mailbox quota (MB)").fill("1024");
  await page.getByRole("button", { name: "Save mail limits" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(colleagueBox.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "0 bytes of 1.0 GB");
  await page.reload();
  await expect(page.getByLabel("Mailbox quota (MB)")).toHaveValue("1024");
});

test("a member sees no Mail tab, and Admin → Mail tells them it is for administrators", async ({ page, browser }) => {
  const owner = newPerson("Mailtabs");
  await signUp(page, owner);
  const link = await createInviteLink(page, "MEMBER");
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await joinWithNewAccount(memberPage, link, newPerson("Mailmember"));
  await memberPage.goto("/admin/members");
  await expect(memberPage.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Members" })).toBeVisible();
  await expect(memberPage.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Mail" })).toHaveCount(0);
  await memberPage.goto("/admin/mail");
  await expect(memberPage.getByText("Only the organization's owners and administrators manage mail domains and mailboxes.")).toBeVisible();
  await expect(memberPage.getByRole("list", { name: "Mail domains" })).toHaveCount(0);
  await memberContext.close();
});
