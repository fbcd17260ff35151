import { expect, test, type Page } from "@playwright/test";
import { XSS_CORPUS } from "../packages/backend/src/mail/xss-corpus";
import { newPerson, signUp } from "./fixtures";
import { seedMail } from "./mail-fixtures";

// Hostile HTML mail, stored in a mailbox through the mail store, shown in
// Chromium: the sanitizer's output where scripts may run, the body route's
// document on its own, and the Mail page's reading pane framing it sandboxed
// without scripts. Nothing in it may run (no dialog, no error from script,
// window.__xss never set) or reach another host unless images were allowed.

const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const marker = (i: number) => `Vector ${i} shown`;

type Watch = { dialogs: string[]; errors: string[]; remote: string[]; popups: string[]; sandboxNotices: number };

// Chromium logs this for every script a sandboxed document is kept from
// running, and Playwright's own helpers, which it runs in every document it
// reads, draw it for harmless mail too (three and more per document). So it
// cannot tell a mail's script from the harness's there; the sanitizer's
// output is checked for scripts in a page that runs them (the first phase).
const SANDBOX_NOTICE = /^Blocked script execution in '[^']*' because the document's frame is sandboxed/;

/** Records, for the whole browser context, what no mail may cause. */
function watch(page: Page, consoleUrl: string): Watch {
  const seen: Watch = { dialogs: [], errors: [], remote: [], popups: [], sandboxNotices: 0 };
  const consoleHost = new URL(consoleUrl).host;
  page.context().on("page", (popup) => seen.popups.push(popup.url()));
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (SANDBOX_NOTICE.test(message.text())) seen.sandboxNotices++;
    else seen.errors.push(message.text());
  });
  page.on("pageerror", (error) => seen.errors.push(error.message));
  page.context().on("request", (request) => {
    const url = new URL(request.url());
    if ((url.protocol === "http:" || url.protocol === "https:") && url.host !== consoleHost) seen.remote.push(request.url());
  });
  return seen;
}

/** Whether `window.__xss` was set in the page's own document (one that may run scripts: evaluating in a sandboxed one is itself refused). */
const xssSet = (page: Page) => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss !== undefined);

test("the XSS corpus runs nothing and fetches nothing: sanitized HTML with scripts enabled, then the documents opened and framed", async ({ page, baseURL }) => {
  test.setTimeout(360_000);
  const person = newPerson("Xss");
  await signUp(page, person);
  const { organizationId, messageIds } = seedMail(
    person.email,
    XSS_CORPUS.map((vector, i) => ({ subject: `XSS ${i}: ${vector.name}`, html: `<p>${marker(i)}</p>${vector.html}` })),
  );
  expect(messageIds).toHaveLength(XSS_CORPUS.length);

  // The check can fail: an unsanitized vector in the same kind of page sets the flag.
  const probe = await page.context().newPage();
  probe.once("dialog", (dialog) => void dialog.dismiss());
  await probe.setContent(`<img src="x" onerror="window.__xss=1;alert(1)">`);
  await expect.poll(() => xssSet(probe)).toBe(true);
  await probe.close();

  const seen = watch(page, baseURL!);
  const bodyUrl = (id: string) => `/api/mail/${organizationId}/messages/${id}/body`;

  // The sanitizer on its own: its output in a page where scripts may run, with no sandbox and no CSP.
  await page.goto("about:blank");
  for (const [i, id] of messageIds.entries()) {
    await test.step(`sanitized, scripts enabled: ${XSS_CORPUS[i]!.name}`, async () => {
      const response = await page.request.get(bodyUrl(id));
      expect(response.status()).toBe(200);
      await page.setContent(await response.text());
      await expect(page.getByText(marker(i), { exact: true })).toBeVisible();
      expect(await xssSet(page)).toBe(false);
    });
  }

  // As shipped: the document under its CSP sandbox, opened on its own and framed by the Mail page.
  for (const [i, id] of messageIds.entries()) {
    await test.step(`opened directly: ${XSS_CORPUS[i]!.name}`, async () => {
      const response = await page.goto(bodyUrl(id));
      // As the console serves it (its own headers for every page included), not only as the handler answers.
      expect(response?.headers()).toMatchObject({ "content-type": "text/html; charset=utf-8", "x-content-type-options": "nosniff", "cache-control": "private, no-store" });
      expect(response?.headers()["content-security-policy"]).toMatch(/^sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src data: http:\/\/localhost:\d+; style-src 'unsafe-inline'; form-action 'none'/);
      await expect(page.getByText(marker(i), { exact: true })).toBeVisible();
    });
  }
  // In the product: the Mail page's reading pane (MessageBody) framing each message.
  for (const [i, id] of messageIds.entries()) {
    await test.step(`on the Mail page: ${XSS_CORPUS[i]!.name}`, async () => {
      await page.goto(`/mail?message=${id}`);
      await expect(page.getByTestId("conversation-subject")).toHaveText(`XSS ${i}: ${XSS_CORPUS[i]!.name}`);
      await expect(page.frameLocator('iframe[title="Message content"]').getByText(marker(i), { exact: true })).toBeVisible();
      expect(await xssSet(page)).toBe(false);
    });
  }

  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.remote).toEqual([]);
  expect(seen.popups).toEqual([]);
  // The documents were sandboxed without scripts: even the harness's helpers could not run in them.
  expect(seen.sandboxNotices).toBeGreaterThan(0);
});

test("on the Mail page a message hides remote images until allowed, shows its inline image, opens links without an opener and downloads attachments", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const person = newPerson("Mailframe");
  await signUp(page, person);
  const { organizationId, messageIds } = seedMail(person.email, [
    {
      subject: "With a logo",
      html: `<p>Logo below</p><img alt="Logo" src="cid:logo@sender.example"><img alt="Tracker" src="https://evil.example/t.png"><p><a href="${baseURL}/sign-in">Open the console</a></p><script>window.__xss=1</script>`,
      attachments: [
        { filename: "logo.png", contentType: "image/png", base64: PIXEL, cid: "logo@sender.example" },
        { filename: "photo.png", contentType: "image/png", base64: PIXEL },
        { filename: "report\u202Efdp.html", contentType: "text/html", base64: Buffer.from("<script>alert(1)</script>").toString("base64") },
      ],
    },
  ]);
  const seen = watch(page, baseURL!);
  await page.goto(`/mail?message=${messageIds[0]}`);
  const frame = page.frameLocator('iframe[title="Message content"]');
  const logo = frame.getByRole("img", { name: "Logo" });
  await expect(logo).toBeVisible();
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  await expect(frame.getByRole("img", { name: "Tracker" })).toHaveAttribute("title", "Remote image hidden");
  const banner = page.getByRole("region", { name: "Remote images" });
  await expect(banner).toContainText("Remote images are hidden to protect your privacy.");

  // Attachments: the inline logo is not listed again; the image gets a preview, the HTML file downloads under its cleaned name.
  const attachments = page.getByRole("list", { name: "Attachments" });
  await expect(attachments.getByRole("img", { name: "photo.png" })).toBeVisible();
  await expect(attachments.getByText("logo.png")).toHaveCount(0);
  const download = page.waitForEvent("download");
  await attachments.getByRole("link", { name: /reportfdp\.html/ }).click();
  expect((await download).suggestedFilename()).toBe("reportfdp.html");
  const served = await page.request.get(`/api/mail/${organizationId}/messages/${messageIds[0]}/attachments/2`);
  expect(served.headers()).toMatchObject({
    "content-type": "application/octet-stream",
    "content-disposition": `attachment; filename="reportfdp.html"; filename*=UTF-8''reportfdp.html`,
    "x-content-type-options": "nosniff",
  });

  const popupOpened = page.context().waitForEvent("page");
  await frame.getByRole("link", { name: "Open the console" }).click();
  const popup = await popupOpened;
  await popup.waitForLoadState();
  expect(popup.url()).toMatch(/\/(sign-in|files)$/); // signed in, the sign-in page sends on to Files
  expect(await popup.evaluate(() => window.opener)).toBeNull();
  await popup.close();
  expect(seen.remote).toEqual([]);

  // Shown on request: the remote image loads (answered here, as the closed network has no evil.example).
  const referrers: (string | null)[] = [];
  await page.route("https://evil.example/**", (route) => {
    referrers.push(route.request().headers()["referer"] ?? null);
    return route.fulfill({ contentType: "image/png", body: Buffer.from(PIXEL, "base64") });
  });
  await banner.getByRole("button", { name: "Show images" }).click();
  await expect(frame.getByRole("img", { name: "Tracker" })).toHaveAttribute("src", "https://evil.example/t.png");
  await expect.poll(() => seen.remote).toEqual(["https://evil.example/t.png"]);
  expect(referrers).toEqual([null]); // the image's host learns nothing of which message asked

  // Always from this sender: shown on the next visit without asking, until stopped.
  await page.goto(`/mail?message=${messageIds[0]}`);
  await page.getByRole("button", { name: "Always show from news@sender.example" }).click();
  await expect(page.getByText("Images from news@sender.example are shown automatically.")).toBeVisible();
  await expect(frame.getByRole("img", { name: "Tracker" })).toHaveAttribute("src", "https://evil.example/t.png");
  await page.getByRole("button", { name: "Stop showing them" }).click();
  await expect(banner).toBeVisible();
  await expect(frame.getByRole("img", { name: "Tracker" })).toHaveAttribute("title", "Remote image hidden");

  expect(await xssSet(page)).toBe(false);
  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.sandboxNotices).toBeGreaterThan(0);
});
