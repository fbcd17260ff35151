import { describe, expect, it } from "vitest";
import { parseEnvelopeAddress } from "./outbound-envelope";

describe("parseEnvelopeAddress", () => {
  it("takes plain addresses and lower-cases only the domain", () => {
    expect(parseEnvelopeAddress("Ana.Lopez+news@Example.COM")).toEqual({ address: "Ana.Lopez+news@example.com", local: "Ana.Lopez+news", domain: "example.com" });
    expect(parseEnvelopeAddress("o'brien@mail.example.co.uk").domain).toBe("mail.example.co.uk");
  });

  it.each([
    "a@example.com\r\nBcc: evil@example.org",
    "a@example.com\nX: y",
    "a@example.com>\r\nRCPT TO:<b@example.org",
    "Ana <a@example.com>",
    "a b@example.com",
    '"quoted"@example.com',
    "a..b@example.com",
    ".a@example.com",
    "a@example",
    "a@-example.com",
    "a@exa_mple.com",
    "@example.com",
    "a@",
    "",
    `${"x".repeat(65)}@example.com`,
  ])("refuses %j", (text) => {
    expect(() => parseEnvelopeAddress(text)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
});
