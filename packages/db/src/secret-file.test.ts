import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readOrCreateSecret } from "./secret-file";

describe("readOrCreateSecret", () => {
  it("creates a private random secret once and returns the same one afterwards", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "awan-secret-")), "secrets/key");
    const first = readOrCreateSecret(file);
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readOrCreateSecret(file)).toBe(first);
  });
});
