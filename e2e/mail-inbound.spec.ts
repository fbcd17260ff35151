import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { newPerson, signUp } from "./fixtures";

// Mail from outside, through the running console's SMTP server (swaks, Debian), to the Mail page.

function smtpPort(): number {
  const port = Number(process.env.AWAN_E2E_SMTP_PORT);
  if (!port) throw new Error("Run the browser tests with `npm run e2e`: it passes the console's SMTP port as AWAN_E2E_SMTP_PORT.");
  return port;
}

function swaks(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile("swaks", ["--server", "127.0.0.1", "--port", String(smtpPort()), "--helo", "client.example.org", "--from", "news@example.org", ...args], (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` });
    });
  });
}

test("mail sent with swaks appears in the recipient's inbox without a reload; other domains and unknown people are refused", async ({ page }) => {
  await signUp(page, newPerson("Inbound"));
  await page.goto("/mail");
  const address = (await page.getByTestId("my-address").textContent())!.trim();
  expect(address).toMatch(/^[^@\s]+@[a-z0-9-]+\.awan\.localhost$/);
  await expect(page.getByText("Your inbox is empty")).toBeVisible();

  const subject = `Delivered by swaks ${crypto.randomUUID().slice(0, 8)}`;
  const sent = await swaks(["--to", address, "--header", `Subject: ${subject}`, "--body", "Hello from outside the console."]);
  expect(sent.code, sent.output).toBe(0);

  const row = page.getByTestId("mail-row").filter({ hasText: subject });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: new RegExp(subject) }).click();
  await expect(page.getByTestId("conversation-subject")).toHaveText(subject);
  await expect(page.getByTestId("conversation-message")).toContainText("Hello from outside the console.");

  const relayed = await swaks(["--to", "someone@example.com"]);
  expect(relayed.code).toBe(24);
  expect(relayed.output).toContain("550 5.7.1 Relaying denied");
  const unknown = await swaks(["--to", `nobody-${crypto.randomUUID().slice(0, 8)}@${address.split("@")[1]}`]);
  expect(unknown.code).toBe(24);
  expect(unknown.output).toContain("550 5.1.1 No such user here");
});
