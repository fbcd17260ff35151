import { expect, test, type Page } from "@playwright/test";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yauzl from "yauzl";
import { createFolder, fileRow, MIB, newPerson, pickFiles, setPersonQuota, sha256, sha256OfDownload, signUp, uploadOf, writeRandomFile } from "./fixtures";

let sources: string;

const sha256OfFile = (file: string) => sha256(fs.readFileSync(file));

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


async function download(page: Page, start: () => Promise<void>) {
  const event = page.waitForEvent("download");
  await start();
  return event;
}

test("a 50 MiB file and a folder of 200 files upload with progress and download back identical", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, newPerson("Uploader"));
  await expect(page.getByRole("heading", { name: "No files yet" })).toBeVisible();

  await pickFiles(page, "Upload files", path.join(sources, "big.bin"));
  await expect(page.getByRole("progressbar", { name: "Upload of big.bin" })).toBeVisible();
  await expect(uploadOf(page, "big.bin")).toContainText("Uploaded", { timeout: 60_000 });
  await expect(page.getByRole("progressbar", { name: "Upload of big.bin" })).toHaveAttribute("aria-valuenow", "100");

  await pickFiles(page, "Upload folder", path.join(sources, "Album"));
  await expect(page.getByRole("progressbar", { name: "All uploads" })).toBeVisible();
  await expect(page.getByText("All 201 uploaded")).toBeVisible({ timeout: 120_000 });
  await expect(fileRow(page, "Album")).toBeVisible();
  await expect(fileRow(page, "big.bin")).toContainText("50 MB");

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
  const one = await download(page, () => fileRow(page, "photo-007.dat").getByRole("button", { name: "photo-007.dat" }).click().then(() => page.getByRole("link", { name: "Download" }).click()));
  expect(await sha256OfDownload(one)).toBe(sha256OfFile(path.join(sources, "Album/photo-007.dat")));
});

const text = (name: string, body: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(body) });

test("files are renamed, moved, trashed, restored from the trash, and brought back to an older version", async ({ page }) => {
  await signUp(page, newPerson("Organizer"));
  await createFolder(page, "Projects");

  // A second upload of the same name asks; Replace keeps the first as an older version.
  await pickFiles(page, "Upload files", text("notes.txt", "first version"));
  await expect(fileRow(page, "notes.txt")).toBeVisible();
  await pickFiles(page, "Upload files", text("notes.txt", "second version, longer"));
  const clash = page.getByRole("dialog", { name: "This name is already taken" });
  await expect(clash).toContainText("Something named “notes.txt” is already in this folder.");
  await clash.getByRole("button", { name: "Replace" }).click();
  await expect(fileRow(page, "notes.txt")).toContainText("22 bytes");

  await page.getByRole("checkbox", { name: "Select notes.txt" }).click();
  await page.getByRole("button", { name: "Versions" }).click();
  const versions = page.getByRole("dialog", { name: "Versions of “notes.txt”" });
  await expect(versions.getByRole("listitem")).toHaveCount(2);
  await expect(versions.getByRole("listitem", { name: "Version 2" })).toContainText("Current");
  await versions.getByRole("listitem", { name: "Version 1" }).getByRole("button", { name: "Restore" }).click();
  await expect(versions).toContainText("Restored.");
  await expect(versions.getByRole("listitem")).toHaveCount(3);
  await versions.getByRole("button", { name: "Close" }).click();
  await expect(fileRow(page, "notes.txt")).toContainText("13 bytes");
  const restored = await download(page, () => page.getByRole("button", { name: "Download", exact: true }).click());
  expect(fs.readFileSync(await restored.path(), "utf8")).toBe("first version");

  // F2 renames the focused item; a taken name is refused in the server's words.
  await fileRow(page, "notes.txt").focus();
  await page.keyboard.press("F2");
  const rename = page.getByRole("dialog", { name: "Rename “notes.txt”" });
  await rename.getByLabel("New name").fill("Projects");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(rename.getByRole("alert")).toHaveText("Something named “Projects” is already in this folder.");
  await rename.getByLabel("New name").fill("plan.txt");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(fileRow(page, "plan.txt")).toBeVisible();
  await expect(fileRow(page, "notes.txt")).toHaveCount(0);

  // Still selected under its new name.
  await expect(page.getByRole("checkbox", { name: "Select plan.txt" })).toBeChecked();
  await page.getByRole("toolbar", { name: "Selected items" }).getByRole("button", { name: "Move", exact: true }).click();
  const move = page.getByRole("dialog", { name: "Move “plan.txt”" });
  await move.getByRole("button", { name: "Projects" }).click();
  await move.getByRole("button", { name: "Move to “Projects”" }).click();
  await expect(page.getByText("Moved 1 item.")).toBeVisible();
  await expect(fileRow(page, "plan.txt")).toHaveCount(0);

  // A file dropped on a folder's row goes into that folder.
  const dropped = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(["dropped"], "dropped.txt", { type: "text/plain" }));
    return data;
  });
  await fileRow(page, "Projects").dispatchEvent("dragenter", { dataTransfer: dropped });
  await fileRow(page, "Projects").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(uploadOf(page, "dropped.txt")).toContainText("Uploaded");

  await page.getByRole("link", { name: "Projects", exact: true }).click();
  await expect(fileRow(page, "plan.txt")).toBeVisible();
  await expect(fileRow(page, "dropped.txt")).toBeVisible();

  // Delete moves the focused item to the trash; the trash restores it where it was.
  await fileRow(page, "plan.txt").focus();
  await page.keyboard.press("Delete");
  await expect(page.getByText("Moved “plan.txt” to the trash.")).toBeVisible();
  await expect(fileRow(page, "plan.txt")).toHaveCount(0);
  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByText("deleted for good 30 days after")).toBeVisible();
  const trashed = page.getByRole("listitem", { name: "plan.txt" });
  await expect(trashed).toContainText("From My files › Projects");
  await trashed.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("Restored “plan.txt” to My files › Projects.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "The trash is empty" })).toBeVisible();
  await page.getByRole("link", { name: "Show it" }).click();
  await expect(fileRow(page, "plan.txt")).toBeVisible();

  // When its folder is in the trash too, restoring asks where to.
  await fileRow(page, "plan.txt").focus();
  await page.keyboard.press("Delete");
  await page.getByRole("link", { name: "My files", exact: true }).first().click();
  await fileRow(page, "Projects").focus();
  await page.keyboard.press("Delete");
  await expect(page.getByRole("heading", { name: "No files yet" })).toBeVisible();
  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByRole("listitem", { name: "plan.txt" })).toContainText("From a folder that is in the trash too");
  await page.getByRole("listitem", { name: "plan.txt" }).getByRole("button", { name: "Restore" }).click();
  await page.getByRole("dialog", { name: "Restore “plan.txt”" }).getByRole("button", { name: "Restore to “My files”" }).click();
  await expect(page.getByText("Restored “plan.txt”.")).toBeVisible();

  await page.getByRole("button", { name: "Empty trash" }).click();
  const confirm = page.getByRole("dialog", { name: "Empty the trash?" });
  await expect(confirm).toContainText("cannot be undone");
  await confirm.getByRole("button", { name: "Empty trash" }).click();
  await expect(page.getByRole("heading", { name: "The trash is empty" })).toBeVisible();
  await page.getByRole("link", { name: "My files", exact: true }).first().click();
  await expect(fileRow(page, "plan.txt")).toBeVisible();
  await expect(fileRow(page, "Projects")).toHaveCount(0);
});

test("an upload interrupted by a reload continues from where the server got to and completes", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, newPerson("Resumer"));
  const source = path.join(sources, "resumable.bin");
  // The first 32 MiB chunk goes through; the rest never reaches the server (tus retries it in vain), so the reload catches the upload half-way.
  let patches = 0;
  await page.route("**/uploads/*", (route) => {
    if (route.request().method() !== "PATCH") return route.continue();
    patches++;
    return patches === 1 ? route.continue() : route.abort("connectionreset");
  });
  await pickFiles(page, "Upload files", source);
  await expect.poll(() => patches, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  const bar = page.getByRole("progressbar", { name: "Upload of resumable.bin" });
  await expect(bar).toHaveAttribute("aria-valuenow", "80"); // 32 of 40 MiB
  await expect(uploadOf(page, "resumable.bin")).toContainText("32 MB of 40 MB");

  // Leaving during an upload asks first.
  const leaving = page.waitForEvent("dialog").then(async (dialog) => {
    expect(dialog.type()).toBe("beforeunload");
    await dialog.accept();
  });
  await page.reload();
  await leaving;
  await page.unrouteAll({ behavior: "ignoreErrors" });
  const unfinished = page.getByRole("region", { name: "Unfinished uploads" });
  await expect(unfinished).toContainText("An upload was interrupted.");
  await expect(unfinished).toContainText("resumable.bin (40 MB)");

  const resumedAt = page.waitForRequest((request) => request.method() === "PATCH");
  await pickFiles(page, "Continue uploads…", source);
  expect((await resumedAt).headers()["upload-offset"]).toBe(String(32 * MIB));
  await expect(uploadOf(page, "resumable.bin")).toContainText("Uploaded", { timeout: 60_000 });
  await expect(unfinished).toHaveCount(0);

  await page.getByRole("checkbox", { name: "Select resumable.bin" }).click();
  const back = await download(page, () => page.getByRole("button", { name: "Download", exact: true }).click());
  expect(await sha256OfDownload(back)).toBe(sha256OfFile(source));
  // Nothing is left for a later visit to offer.
  await page.reload();
  await expect(fileRow(page, "resumable.bin")).toBeVisible();
  await expect(page.getByRole("region", { name: "Unfinished uploads" })).toHaveCount(0);
});

test("an upload over the quota is refused with a clear message, and the usage bar shows the quota", async ({ page }) => {
  const person = newPerson("Quota");
  await signUp(page, person);
  await setPersonQuota(person.organization, MIB);
  await page.reload();
  await expect(page.getByRole("progressbar", { name: "Your files: storage used" })).toHaveAttribute("aria-valuetext", "0 bytes of 1.0 MB used");

  await pickFiles(page, "Upload files", text("small.txt", "fits"));
  await expect(uploadOf(page, "small.txt")).toContainText("Uploaded");
  await pickFiles(page, "Upload files", path.join(sources, "too-big.bin"));
  await expect(page.getByRole("alert").filter({ hasText: "Not uploaded" })).toContainText(/This needs 2\.0 MB, but only .* of your 1\.0 MB quota is free/);
  await expect(uploadOf(page, "too-big.bin")).toContainText("Failed");
  await expect(fileRow(page, "too-big.bin")).toHaveCount(0);
  await expect(page.getByRole("progressbar", { name: "Your files: storage used" })).toHaveAttribute("aria-valuetext", "4 bytes of 1.0 MB used");
});

test("the keyboard drives the listing, search finds by name, and Markdown previews render without raw HTML", async ({ page }) => {
  await signUp(page, newPerson("Keyboard"));
  await expect(page.getByRole("heading", { name: "No files yet" })).toBeVisible();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Move the selection to the trash");
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);

  await pickFiles(page, "Upload files", [
    text("alpha.txt", "a"),
    { name: "beta.md", mimeType: "text/markdown", buffer: Buffer.from("# Beta notes\n\n<img src=x onerror=alert(1)>*kept*\n") },
    text("gamma.txt", "c"),
  ]);
  await expect(page.getByText("All 3 uploaded")).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(4);

  // Arrows move, Shift extends, Ctrl+A takes all, Delete trashes, Undo brings back.
  await fileRow(page, "alpha.txt").focus();
  await page.keyboard.press("ArrowDown");
  await expect(fileRow(page, "beta.md")).toBeFocused();
  await page.keyboard.press("Space");
  await page.keyboard.press("Shift+ArrowDown");
  await expect(page.getByRole("toolbar", { name: "Selected items" })).toContainText("2 selected");
  await page.keyboard.press("ControlOrMeta+a");
  await expect(page.getByRole("toolbar", { name: "Selected items" })).toContainText("3 selected");
  await page.keyboard.press("Delete");
  await expect(page.getByText("Moved 3 items to the trash.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "No files yet" })).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("row")).toHaveCount(4);

  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: "Search your files" })).toBeFocused();
  await page.keyboard.type("BETA");
  const results = page.getByRole("region", { name: "Search results" });
  await expect(results).toContainText("1 match for “BETA”");
  await results.getByRole("button", { name: "beta.md" }).click();
  const preview = page.getByRole("dialog", { name: "beta.md" });
  await expect(preview.getByRole("heading", { name: "Beta notes" })).toBeVisible();
  await expect(preview.locator("em")).toHaveText("kept");
  await expect(preview.locator("img")).toHaveCount(0);
  await preview.getByRole("button", { name: "Close" }).click();

  await page.getByRole("searchbox", { name: "Search your files" }).fill("nothing-like-this");
  await expect(page.getByRole("heading", { name: "Nothing found" })).toBeVisible();
});

test("on a phone the files list, its selection and the upload button fit the screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signUp(page, newPerson("Pocket"));
  await pickFiles(page, "Upload files", text("phone.txt", "small screen"));
  await expect(uploadOf(page, "phone.txt")).toContainText("Uploaded");
  await page.getByRole("checkbox", { name: "Select phone.txt" }).click();
  const bar = page.getByRole("toolbar", { name: "Selected items" });
  await expect(bar.getByRole("button", { name: "Move to trash" })).toBeInViewport();
  // Nothing wider than the screen: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
