import { describe, expect, it } from "vitest";
import { safeNextPath } from "./auth-client";

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/invite/abc")).toBe("/invite/abc");
    expect(safeNextPath("/admin/members?x=1")).toBe("/admin/members?x=1");
  });

  it("refuses other origins and odd forms", () => {
    for (const value of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined]) {
      expect(safeNextPath(value)).toBe("/");
    }
  });
});
