import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { dkimVerify } from "mailauth";
import { simpleParser } from "mailparser";
import { startSmarthost } from "../packages/backend/src/mail/testing/smarthost";
import { newPerson, signUp } from "./fixtures";

// The console under test relays mail for other domains to SMTP_RELAY_URL,
// 127.0.0.1:AWAN_E2E_RELAY_PORT (scripts/test.ts); this spec is that smarthost.
const relayPort = Number(process.env.AWAN_E2E_RELAY_PORT);
if (!relayPort) throw new Error("Run the browser tests with `npm run e2e`: it gives the console a relay port (AWAN_E2E_RELAY_PORT).");

test("a new person sends mail to an outside address: it reaches the smarthost signed with the key Admin → Mail publishes", async ({ page }) => {
  const smarthost = await startSmarthost(undefined, { port: relayPort });
  try {
    await signUp(page, newPerson("Olga"));

    // The DKIM record the organization's operator would publish for its default domain.
    await page.goto("/admin/mail");
    await page.getByText("Mail to this domain works on this server without any DNS").click();
    const dkim = page.getByRole("row", { name: "DKIM record" });
    await expect(dkim).toContainText("v=DKIM1; k=rsa; p=");
    const [name, value] = await dkim.locator("code").allTextContents();
    expect(name).toMatch(/^awan\._domainkey\..+\.awan\.localhost$/);

    const partner = `partner-${crypto.randomUUID().slice(0, 8)}@example.net`;
    const subject = `Offer ${crypto.randomUUID().slice(0, 8)}`;
    await page.goto("/mail");
    await expect(page.getByText("Your inbox is empty")).toBeVisible();
    await page.keyboard.press("c");
    const compose = page.getByRole("form", { name: "Compose" });
    const to = compose.getByRole("combobox").first();
    await to.fill(partner);
    await to.press("Enter");
    await expect(compose.getByRole("button", { name: `Remove ${partner}` })).toBeVisible();
    await compose.getByRole("textbox", { name: "Subject" }).fill(subject);
    await compose.getByRole("textbox", { name: "Message" }).fill("Our offer stands until Friday.");
    await compose.getByRole("button", { name: "Send" }).click();
    await expect(compose).toHaveCount(0);

    // The queue's first attempt follows the send at once.
    const mine = () => smarthost.received.filter((m) => m.raw.toString("latin1").includes(subject));
    await expect.poll(() => mine().length).toBe(1);
    const [mail] = mine();
    expect(mail!.recipients).toEqual([partner]);
    const resolver = async (host: string, type: string) => {
      if (type === "TXT" && host === name) return [[value!]];
      throw Object.assign(new Error(`${host} ${type}: no such record`), { code: "ENOTFOUND" });
    };
    const verified = await dkimVerify(mail!.raw, { resolver });
    expect(verified.results[0]!.status.result).toBe("pass");
    const parsed = await simpleParser(mail!.raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.text?.trim()).toBe("Our offer stands until Friday.");
  } finally {
    await smarthost.close();
  }
});
