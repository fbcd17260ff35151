import { describe, expect, it } from "vitest";
import { checkName, freeName } from "./names";

describe("file names", () => {
  it.each([
    ["", "Enter a name."],
    ["   ", "Enter a name."],
    [".", "cannot be used as a name"],
    ["..", "cannot be used as a name"],
    ["a/b", "contains “/”"],
    ["../etc/passwd", "contains “/”"],
    ["line\nbreak", "control characters"],
    ["tab\there", "control characters"],
    ["nul\u0000", "control characters"],
    ["x".repeat(256), "at most 255 bytes long; this one is 256"],
    ["é".repeat(128), "this one is 256"],
  ])("refuses %j", (name, message) => {
    expect(() => checkName(name)).toThrow(message);
  });

  it("accepts Unicode, spaces, dots and 255 bytes, normalized to NFC", () => {
    expect(checkName("Quarterly report (final).pdf")).toBe("Quarterly report (final).pdf");
    expect(checkName("..hidden")).toBe("..hidden");
    expect(checkName("x".repeat(255))).toHaveLength(255);
    expect(checkName("Cafe\u0301 ☕ 東京.txt")).toBe("Caf\u00e9 ☕ 東京.txt");
  });

  it("finds a free name before the extension", () => {
    const taken = new Set(["a.txt", "a (2).txt", "folder", ".env"]);
    expect(freeName("a.txt", (n) => taken.has(n))).toBe("a (3).txt");
    expect(freeName("folder", (n) => taken.has(n))).toBe("folder (2)");
    expect(freeName(".env", (n) => taken.has(n))).toBe(".env (2)");
    expect(freeName("new.txt", (n) => taken.has(n))).toBe("new.txt");
  });
});
