import { describe, expect, it } from "vitest";
import { slugify } from "./organizations";

describe("slugify", () => {
  it("makes a DNS label out of any name", () => {
    expect(slugify("Acme Corp.")).toBe("acme-corp");
    expect(slugify("Café Ünïcode  & Co")).toBe("cafe-unicode-co");
    expect(slugify("  --Hello--  ")).toBe("hello");
    expect(slugify("日本語")).toBe("org");
    expect(slugify("a".repeat(80))).toHaveLength(40);
    expect(slugify(`${"a".repeat(39)} b`)).toBe("a".repeat(39));
  });
});
