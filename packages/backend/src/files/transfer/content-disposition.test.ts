import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition";

describe("Content-Disposition", () => {
  it("carries an ASCII name as it is", () => {
    expect(contentDisposition("attachment", "report 2026.pdf")).toBe(`attachment; filename="report 2026.pdf"; filename*=UTF-8''report%202026.pdf`);
  });

  it("keeps any Unicode name exact in filename* and gives old clients a safe fallback", () => {
    const header = contentDisposition("attachment", "Café “quotes” 東京 (1).txt");
    expect(header).toContain(`filename="Cafe _quotes_ __ (1).txt"`);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
    expect(decodeURIComponent(encoded)).toBe("Café “quotes” 東京 (1).txt");
    expect(encoded).not.toMatch(/[()'* ]/);
  });

  it("cannot be broken out of by quotes, backslashes or separators", () => {
    const header = contentDisposition("inline", 'evil"; filename="x.html\\');
    expect(header.startsWith('inline; filename="evil_; filename=_x.html_"; ')).toBe(true);
    expect(header.split(";")).toHaveLength(4);
  });
});
