import { describe, expect, it } from "vitest";
import { safeNextPath } from "./auth-client";

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/invite/abc")).toBe("/invite/abc");
    expect(safeNextPath("/admin/members?x=1")).toBe("/admin/members?x=1");
  });

  it("refuses other origins and odd forms", () => {
    const hostile = ["https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)", "", null, undefined, ["/a", "/b"]];
    for (const value of hostile) {
      expect(safeNextPath(value)).toBe("/");
    }
  });
});
