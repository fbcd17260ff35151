import { expect, test, type Locator, type Page } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  createInviteLink,
  createFolder,
  downloadThroughPreview,
  fileRow,
  joinWithNewAccount,
  MIB,
  newPerson,
  pickFiles,
  setPersonQuota,
  sha256,
  sha256OfDownload,
  signUp,
  uploadOf,
  writeRandomFile,
} from "./fixtures";

let sources: string;
const source = (name: string) => path.join(sources, name);
const sha256OfFile = (file: string) => sha256(fs.readFileSync(file));

test.beforeAll(() => {
  sources = fs.mkdtempSync(path.join(os.tmpdir(), "awan-files-controls-e2e-"));
  writeRandomFile(source("paused.bin"), 40 * MIB);
  writeRandomFile(source("cancelled.bin"), 40 * MIB);
  writeRandomFile(source("report.bin"), 3 * MIB);
});

test.afterAll(() => fs.rmSync(sources, { recursive: true, force: true }));

const percent = async (bar: Locator) => Number(await bar.getAttribute("aria-valuenow"));

/** Holds this page's uploads to `bytesPerSecond` (DevTools network throttling); null lifts it. */
async function uploadSpeed(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  return (bytesPerSecond: number | null) =>
    cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond ?? -1 });
}

test("an upload pauses and stands still, resumes where it stopped, and a cancelled one leaves nothing behind", async ({ page }) => {
  test.setTimeout(180_000);
  const person = newPerson("Pauser");
  await signUp(page, person);
  await setPersonQuota(person.organization, 1024 * MIB);
  await page.reload();
  const used = page.getByRole("progressbar", { name: "Your files: storage used" });
  await expect(used).toHaveAttribute("aria-valuetext", "0 bytes of 1.0 GB used");
  const throttle = await uploadSpeed(page);

  // At 2 MiB/s a 40 MiB upload takes 20 s: long enough to catch it half-way.
  await throttle(2 * MIB);
  await pickFiles(page, "Upload files", source("paused.bin"));
  const bar = page.getByRole("progressbar", { name: "Upload of paused.bin" });
  await expect.poll(() => percent(bar), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
  await page.getByRole("button", { name: "Pause paused.bin" }).click();
  await expect(uploadOf(page, "paused.bin")).toContainText("Paused");
  const pausedAt = await percent(bar);
  expect(pausedAt).toBeLessThan(100);

  // Paused, nothing goes out and the bar stands still; running, it would move about 10 % in this time.
  const sentWhilePaused: string[] = [];
  const watch = (request: { url(): string; method(): string }) => {
    if (request.url().includes("/uploads")) sentWhilePaused.push(request.method());
  };
  page.on("request", watch);
  await page.waitForTimeout(2_000);
  page.off("request", watch);
  expect(sentWhilePaused).toEqual([]);
  expect(await percent(bar)).toBe(pausedAt);

  // Resuming carries on from what the server kept, not from the start.
  const resumedAt = page.waitForRequest((request) => request.method() === "PATCH" && request.url().includes("/uploads/"));
  await page.getByRole("button", { name: "Resume paused.bin" }).click();
  expect(Number((await resumedAt).headers()["upload-offset"])).toBeGreaterThan(0);
  await expect(uploadOf(page, "paused.bin")).not.toContainText("Paused");
  await throttle(null);
  await expect(uploadOf(page, "paused.bin")).toContainText("Uploaded", { timeout: 60_000 });
  await expect(fileRow(page, "paused.bin")).toContainText("40 MB");
  await expect(used).toHaveAttribute("aria-valuetext", "40 MB of 1.0 GB used");
  expect(await sha256OfDownload(await downloadThroughPreview(page, "paused.bin"))).toBe(sha256OfFile(source("paused.bin")));

  // Cancelled half-way: the server is told to drop it, and it is counted nowhere.
  await throttle(2 * MIB);
  await pickFiles(page, "Upload files", source("cancelled.bin"));
  const cancelledBar = page.getByRole("progressbar", { name: "Upload of cancelled.bin" });
  await expect.poll(() => percent(cancelledBar), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  const terminated = page.waitForResponse((response) => response.request().method() === "DELETE" && response.url().includes("/uploads/"));
  await page.getByRole("button", { name: "Cancel cancelled.bin" }).click();
  expect((await terminated).ok()).toBe(true);
  await throttle(null);
  await expect(uploadOf(page, "cancelled.bin")).toContainText("Cancelled");
  await expect(cancelledBar).toHaveCount(0);
  await expect(page.getByText("All 1 uploaded")).toBeVisible();
  await page.getByRole("button", { name: "Clear finished" }).click();
  await expect(uploadOf(page, "cancelled.bin")).toHaveCount(0);
  await expect(fileRow(page, "cancelled.bin")).toHaveCount(0);

  await page.reload();
  await expect(fileRow(page, "paused.bin")).toBeVisible();
  await expect(fileRow(page, "cancelled.bin")).toHaveCount(0);
  await expect(used).toHaveAttribute("aria-valuetext", "40 MB of 1.0 GB used");
  await expect(page.getByRole("region", { name: "Unfinished uploads" })).toHaveCount(0);
});

test("a file copied into a folder from the selection bar downloads identical to its source, and so does the original", async ({ page }) => {
  await signUp(page, newPerson("Copier"));
  await createFolder(page, "Archive");
  await pickFiles(page, "Upload files", source("report.bin"));
  await expect(uploadOf(page, "report.bin")).toContainText("Uploaded");

  await page.getByRole("checkbox", { name: "Select report.bin" }).click();
  await page.getByRole("toolbar", { name: "Selected items" }).getByRole("button", { name: "Copy", exact: true }).click();
  const copy = page.getByRole("dialog", { name: "Copy “report.bin”" });
  await copy.getByRole("button", { name: "Archive" }).click();
  await copy.getByRole("button", { name: "Copy to “Archive”" }).click();
  await expect(page.getByText("Copied 1 item.")).toBeVisible();
  await expect(copy).toHaveCount(0);

  const expected = sha256OfFile(source("report.bin"));
  await expect(fileRow(page, "report.bin")).toContainText("3.0 MB");
  expect(await sha256OfDownload(await downloadThroughPreview(page, "report.bin"))).toBe(expected);
  await page.getByRole("link", { name: "Archive", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Folder path" })).toContainText("My files›Archive");
  await expect(fileRow(page, "report.bin")).toContainText("3.0 MB");
  expect(await sha256OfDownload(await downloadThroughPreview(page, "report.bin"))).toBe(expected);
});

test("a guest opening Files is told that guests have no files of their own, not shown an error", async ({ page, browser }) => {
  const owner = newPerson("Host");
  await signUp(page, owner);
  const link = await createInviteLink(page, "GUEST");
  const guestContext = await browser.newContext();
  const guestPage = await guestContext.newPage();
  await joinWithNewAccount(guestPage, link, newPerson("Guest"));

  for (const address of ["/files", "/files/trash"]) {
    const response = await guestPage.goto(address);
    expect(response?.status(), address).toBe(200);
    await expect(guestPage.getByRole("heading", { name: "Guests have no files of their own here" })).toBeVisible();
    await expect(guestPage.getByText(`As a guest of ${owner.organization} you see what people share with you.`)).toBeVisible();
    await expect(guestPage.getByRole("heading", { name: "Something went wrong" })).toHaveCount(0);
    await expect(guestPage.getByRole("button", { name: "Upload files" })).toHaveCount(0);
  }
  await guestContext.close();
});

/** A valid WAV file: `seconds` of a 440 Hz tone, 8-bit mono PCM at 8 kHz. */
function wavTone(seconds: number): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const wav = Buffer.alloc(44 + samples);
  wav.write("RIFF", 0, "ascii");
  wav.writeUInt32LE(36 + samples, 4);
  wav.write("WAVEfmt ", 8, "ascii");
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // channels
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate, 28); // bytes per second
  wav.writeUInt16LE(1, 32); // bytes per frame
  wav.writeUInt16LE(8, 34); // bits per sample
  wav.write("data", 36, "ascii");
  wav.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++) wav.writeUInt8(128 + Math.round(100 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i);
  return wav;
}

const INLINE_URL = /^\/api\/files\/[0-9a-f-]{36}\/items\/[0-9a-f-]{36}\/content\?disposition=inline$/;

test("audio previews play from an inline address served sandboxed, and HTML is only ever shown as plain text", async ({ page }) => {
  await signUp(page, newPerson("Listener"));
  const tone = wavTone(0.5);
  const html = '<h1>Rendered</h1><script>document.title = "ran"</script>';
  await pickFiles(page, "Upload files", [
    { name: "tone.wav", mimeType: "audio/wav", buffer: tone },
    { name: "page.html", mimeType: "text/html", buffer: Buffer.from(html) },
  ]);
  await expect(page.getByText("All 2 uploaded")).toBeVisible();

  await fileRow(page, "tone.wav").getByRole("button", { name: "tone.wav", exact: true }).click();
  const preview = page.getByRole("dialog", { name: "tone.wav" });
  const audio = preview.locator("audio");
  await expect(audio).toHaveAttribute("src", INLINE_URL);
  // The browser reads the served bytes as audio: their length is the tone's.
  await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.duration)).toBeCloseTo(0.5, 2);
  const inline = await page.request.get((await audio.getAttribute("src"))!);
  expect(inline.status()).toBe(200);
  expect(inline.headers()["content-type"]).toBe("audio/wav");
  expect(inline.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(inline.headers()["content-security-policy"]).toMatch(/(^|;)\s*sandbox\s*(;|$)/);
  expect(inline.headers()["x-content-type-options"]).toBe("nosniff");
  expect(sha256(await inline.body())).toBe(sha256(tone));
  await preview.getByRole("button", { name: "Close" }).click();

  // HTML is previewed as its source; inline, the server answers it as plain text, so markup never renders in the console's origin.
  await fileRow(page, "page.html").getByRole("button", { name: "page.html", exact: true }).click();
  const htmlPreview = page.getByRole("dialog", { name: "page.html" });
  await expect(htmlPreview.locator("pre")).toHaveText(html);
  await expect(htmlPreview.getByRole("heading", { name: "Rendered" })).toHaveCount(0);
  const attachmentUrl = (await htmlPreview.getByRole("link", { name: "Download" }).getAttribute("href"))!;
  const asText = await page.request.get(`${attachmentUrl}?disposition=inline`);
  expect(asText.status()).toBe(200);
  expect(asText.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(asText.headers()["content-security-policy"]).toMatch(/(^|;)\s*sandbox\s*(;|$)/);
  expect(asText.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await asText.text()).toBe(html);
  // Opened on its own, the inline address shows text, runs nothing.
  const tab = await page.context().newPage();
  await tab.goto(`${attachmentUrl}?disposition=inline`);
  await expect(tab.locator("body")).toHaveText(html);
  expect(await tab.title()).not.toBe("ran");
  await tab.close();
});

test("a file named like a folder cannot replace it, and a mangled folder link says so at once", async ({ page }) => {
  await signUp(page, newPerson("Clash"));
  await createFolder(page, "Reports");
  await pickFiles(page, "Upload files", { name: "Reports", mimeType: "text/plain", buffer: Buffer.from("not a folder") });
  const clash = page.getByRole("dialog", { name: "This name is already taken" });
  await expect(clash).toContainText("A folder named “Reports” is already in this folder.");
  await clash.getByRole("button", { name: "Replace" }).click();
  // Refused in the server's words, and not asked again.
  await expect(uploadOf(page, "Reports")).toContainText("“Reports” is a folder here; a file cannot replace it.");
  await expect(clash).toHaveCount(0);
  await expect(fileRow(page, "Reports")).toHaveCount(1);

  await page.goto("/files?folder=not-a-folder-id");
  await expect(page.getByText("This names a file or folder that cannot exist.")).toBeVisible({ timeout: 3_000 });
  await expect(page.getByRole("link", { name: "Go to My files" })).toBeVisible();
});
