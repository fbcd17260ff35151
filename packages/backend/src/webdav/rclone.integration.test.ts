// rclone (Debian package) as a real WebDAV client: a folder tree goes up
// and comes back down byte-identical, and `rclone check` finds no difference.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { davRoot, newDavOwner, startDavServer, type DavPerson } from "./testing/dav-fixture";

let server: Awaited<ReturnType<typeof startDavServer>>;
let work: string;
beforeAll(async () => {
  server = await startDavServer();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "awan-rclone-"));
  // An empty config of its own: the remote comes from the environment, nothing from the machine's rclone setup.
  fs.writeFileSync(path.join(work, "rclone.conf"), "");
});
afterAll(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

function rclone(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; output: string }> {
  return new Promise((resolve, reject) => {
    execFile("rclone", [...args, "--config", path.join(work, "rclone.conf")], { env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error && error.code === "ENOENT") return reject(new Error("rclone is not installed: apt-get install rclone"));
      resolve({ code: typeof error?.code === "number" ? error.code : error ? 1 : 0, stdout, output: `${stdout}${stderr}` });
    });
  });
}

/** A webdav remote named "awan" for `who`, configured through rclone's environment variables. */
async function remoteFor(who: DavPerson): Promise<Record<string, string>> {
  const obscured = await rclone(["obscure", who.password]);
  return {
    RCLONE_CONFIG_AWAN_TYPE: "webdav",
    RCLONE_CONFIG_AWAN_URL: davRoot(server.baseUrl, who),
    RCLONE_CONFIG_AWAN_VENDOR: "other",
    RCLONE_CONFIG_AWAN_USER: who.email,
    RCLONE_CONFIG_AWAN_PASS: obscured.stdout.trim(),
  };
}

function writeTree(root: string) {
  const files: Record<string, Buffer> = {
    "readme.txt": Buffer.from("A folder tree for rclone.\n"),
    "empty.txt": Buffer.alloc(0),
    "big.bin": crypto.randomBytes(5 * 2 ** 20 + 123),
    "Fotos/2026/Straße am Meer — ünïcødé.txt": Buffer.from("Unicode in folder and file names\n"),
    "日本語/ファイル 1.txt": crypto.randomBytes(4096),
    "a/b/c/d/deep.bin": crypto.randomBytes(70_000),
    "names/with spaces & symbols (1) #2 %.txt": Buffer.from("escaped in URLs\n"),
  };
  for (const [name, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), bytes);
  }
  fs.mkdirSync(path.join(root, "an empty folder"));
}

/** Every file and folder under `root`, with a SHA-256 of each file's content. */
function snapshot(root: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full);
      if (entry.isDirectory()) {
        entries[`${rel}/`] = "folder";
        visit(full);
      } else entries[rel] = crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex");
    }
  };
  visit(root);
  return entries;
}

test("rclone copies a folder tree up and back down byte-identical, and rclone check is clean", { timeout: 120_000 }, async () => {
  const person = await newDavOwner("rclone");
  const env = await remoteFor(person);
  const source = path.join(work, "source");
  const back = path.join(work, "back");
  writeTree(source);

  const up = await rclone(["copy", "--create-empty-src-dirs", source, "awan:tree"], env);
  expect(up.code, up.output).toBe(0);
  const check = await rclone(["check", source, "awan:tree"], env);
  expect(check.code, check.output).toBe(0);
  expect(check.output).toMatch(/0 differences found/);
  const download = await rclone(["copy", "--create-empty-src-dirs", "awan:tree", back], env);
  expect(download.code, download.output).toBe(0);
  expect(snapshot(back)).toEqual(snapshot(source));

  // A second copy up sends nothing that is already there, and the listing says what is.
  const again = await rclone(["copy", "-v", source, "awan:tree"], env);
  expect(again.code, again.output).toBe(0);
  expect(again.output).not.toMatch(/Copied \(new\)/);
  const listing = await rclone(["lsf", "-R", "awan:tree"], env);
  expect(listing.code, listing.output).toBe(0);
  expect(listing.stdout.split("\n").filter(Boolean).sort()).toEqual(Object.keys(snapshot(source)).sort());
});
