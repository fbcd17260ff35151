// litmus, the WebDAV compliance suite (Debian package), against a person's
// /dav/files/<email>/ with an app password: every test of the class 1
// groups must pass. With -k litmus exits 0 whatever fails, so its summary
// lines decide.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { davRoot, newDavOwner, startDavServer } from "./testing/dav-fixture";

const GROUPS = ["basic", "copymove", "props", "http"];

let server: Awaited<ReturnType<typeof startDavServer>>;
beforeAll(async () => {
  server = await startDavServer();
});
afterAll(() => server.close());

test("litmus passes every test of the basic, copymove, props and http groups", { timeout: 120_000 }, async () => {
  const person = await newDavOwner("litmus");
  // litmus writes its debug.log into the working directory.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "awan-litmus-"));
  const output = await new Promise<string>((resolve, reject) => {
    execFile("litmus", ["-k", davRoot(server.baseUrl, person), person.email, person.password], { cwd, env: { ...process.env, TESTS: GROUPS.join(" ") }, timeout: 110_000 }, (error, stdout, stderr) => {
      if (error && error.code === "ENOENT") reject(new Error("litmus is not installed: apt-get install litmus"));
      else resolve(`${stdout}${stderr}`);
    });
  });
  fs.rmSync(cwd, { recursive: true, force: true });
  const summaries = new Map([...output.matchAll(/summary for `(\w+)': of (\d+) tests run: (\d+) passed, (\d+) failed/g)].map((m) => [m[1]!, { run: Number(m[2]), failed: Number(m[4]) }]));
  const verdict = GROUPS.map((group) => ({ group, ...(summaries.get(group) ?? { run: 0, failed: -1 }) }));
  expect(verdict.every((v) => v.run > 0 && v.failed === 0), `litmus did not pass cleanly:\n${output}`).toBe(true);
});
