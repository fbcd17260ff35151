import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireInstanceLock } from "./instance-lock";

describe("instance lock", () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), "awan-lock-"));

  it("refuses a second holder while the first is alive, naming it", () => {
    const dataDir = dir();
    const release = acquireInstanceLock(dataDir);
    expect(() => acquireInstanceLock(dataDir)).toThrow(new RegExp(`already running .*process ${process.pid}`));
    release();
    acquireInstanceLock(dataDir)();
  });

  it("takes over a lock left by a process that died", () => {
    const dataDir = dir();
    fs.writeFileSync(path.join(dataDir, "awan.pid"), "999999999");
    const release = acquireInstanceLock(dataDir);
    expect(fs.readFileSync(path.join(dataDir, "awan.pid"), "utf8")).toBe(String(process.pid));
    release();
  });
});
