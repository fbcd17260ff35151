import { expect, test, type Download, type Page } from "@playwright/test";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yauzl from "yauzl";
import { newPerson, setPersonQuota, signUp } from "./fixtures";

const MIB = 1024 * 1024;
let sources: string;

/** Random bytes in a file, written a MiB at a time. */
function writeRandomFile(file: string, bytes: number) {
  const fd = fs.openSync(file, "w");
  for (let written = 0; written < bytes; written += MIB) fs.writeSync(fd, crypto.randomBytes(Math.min(MIB, bytes - written)));
  fs.closeSync(fd);
}

const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");
const sha256OfFile = (file: string) => sha256(fs.readFileSync(file));

async function sha256OfDownload(download: Download) {
  return sha256(fs.readFileSync(await download.path()));
}

/** Every file of a zip, by its path inside, as the SHA-256 of its bytes. */
async function zipDigests(file: string): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith("/")) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const hash = crypto.createHash("sha256");
        stream.on("data", (chunk: Buffer) => hash.update(chunk));
        stream.on("end", () => {
          digests.set(entry.fileName, hash.digest("hex"));
          zip.readEntry();
        });
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return digests;
}

test.beforeAll(() => {
  sources = fs.mkdtempSync(path.join(os.tmpdir(), "awan-files-e2e-"));
  writeRandomFile(path.join(sources, "big.bin"), 50 * MIB);
  writeRandomFile(path.join(sources, "resumable.bin"), 40 * MIB);
  writeRandomFile(path.join(sources, "too-big.bin"), 2 * MIB);
  // A folder of 200 small files, some of them one level down.
  fs.mkdirSync(path.join(sources, "Album/More"), { recursive: true });
  for (let i = 0; i < 200; i++) {
    const where = i < 150 ? "Album" : "Album/More";
    fs.writeFileSync(path.join(sources, where, `photo-${String(i).padStart(3, "0")}.dat`), crypto.randomBytes(512 + ((i * 97) % 4096)));
  }
});

test.afterAll(() => fs.rmSync(sources, { recursive: true, force: true }));

async function pick(page: Page, button: string, files: Parameters<import("@playwright/test").FileChooser["setFiles"]>[0]) {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: button, exact: true }).click();
  await (await chooser).setFiles(files);
}

const row = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByText(name, { exact: true }) });
const uploadOf = (page: Page, file: string) => page.getByRole("listitem", { name: `Upload of ${file}` });

async function download(page: Page, start: () => Promise<void>) {
  const event = page.waitForEvent("download");
  await start();
  return event;
}

test("a 50 MiB file and a folder of 200 files upload with progress and download back identical", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, newPerson("Uploader"));
  await expect(page.getByRole("heading", { name: "No files yet" })).toBeVisible();

  await pick(page, "Upload files", path.join(sources, "big.bin"));
  await expect(page.getByRole("progressbar", { name: "Upload of big.bin" })).toBeVisible();
  await expect(uploadOf(page, "big.bin")).toContainText("Uploaded", { timeout: 60_000 });
  await expect(page.getByRole("progressbar", { name: "Upload of big.bin" })).toHaveAttribute("aria-valuenow", "100");

  await pick(page, "Upload folder", path.join(sources, "Album"));
  await expect(page.getByRole("progressbar", { name: "All uploads" })).toBeVisible();
  await expect(page.getByText("All 201 uploaded")).toBeVisible({ timeout: 120_000 });
  await expect(row(page, "Album")).toBeVisible();
  await expect(row(page, "big.bin")).toContainText("50 MB");

  await page.getByRole("checkbox", { name: "Select big.bin" }).click();
  const big = await download(page, () => page.getByRole("button", { name: "Download", exact: true }).click());
  expect(big.suggestedFilename()).toBe("big.bin");
  expect(await sha256OfDownload(big)).toBe(sha256OfFile(path.join(sources, "big.bin")));

  // The folder comes back as a zip holding all 200 files, byte for byte.
  await page.getByRole("checkbox", { name: "Select big.bin" }).click();
  await page.getByRole("checkbox", { name: "Select Album" }).click();
  const zip = await download(page, () => page.getByRole("button", { name: "Download as zip" }).click());
  const inZip = await zipDigests(await zip.path());
  expect(inZip.size).toBe(200);
  for (const where of ["Album", "Album/More"]) {
    for (const name of fs.readdirSync(path.join(sources, where)).filter((n) => n.endsWith(".dat"))) {
      expect(inZip.get(`${where}/${name}`), `${where}/${name}`).toBe(sha256OfFile(path.join(sources, where, name)));
    }
  }

  // Into the folder: the address names it, and a reload stays there.
  await page.getByRole("link", { name: "Album", exact: true }).click();
  await expect(page).toHaveURL(/\/files\?folder=[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Folder path" })).toContainText("My files›Album");
  await expect(page.getByRole("row")).toHaveCount(1 + 1 + 150); // header, "More", 150 files
  const one = await download(page, () => row(page, "photo-007.dat").getByRole("button", { name: "photo-007.dat" }).click().then(() => page.getByRole("link", { name: "Download" }).click()));
  expect(await sha256OfDownload(one)).toBe(sha256OfFile(path.join(sources, "Album/photo-007.dat")));
});
