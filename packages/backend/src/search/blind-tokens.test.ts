import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { BlindTokens, TOKEN_BYTES } from "./blind-tokens";

const hmac = (key: Buffer, term: string) => crypto.createHmac("sha256", key).update(term, "utf8").digest().subarray(0, TOKEN_BYTES);

describe("blind tokens", () => {
  it("equal node:crypto's HMAC-SHA256 across every padding boundary, multi-byte text and long terms", () => {
    // UTF-8 lengths around the one-, two- and three-block boundaries (55/56, 119/120), and beyond.
    const terms = ["", "a", "invoice", "é", "日本語", "👩‍💻 emoji", ...[54, 55, 56, 63, 64, 65, 119, 120, 121, 1000].map((n) => "x".repeat(n)), "ü".repeat(28), "ü".repeat(60)];
    for (const key of [crypto.randomBytes(32), crypto.randomBytes(16), Buffer.alloc(0)]) {
      const packed = new BlindTokens(key).tokens(terms);
      expect(packed.length).toBe(terms.length * TOKEN_BYTES);
      terms.forEach((term, i) => expect(packed.subarray(i * TOKEN_BYTES, (i + 1) * TOKEN_BYTES).toString("hex")).toBe(hmac(key, term).toString("hex")));
    }
  });

  it("gives different tokens under different keys", () => {
    const [a, b] = [new BlindTokens(crypto.randomBytes(32)), new BlindTokens(crypto.randomBytes(32))];
    expect(a.tokens(["roadmap"]).equals(b.tokens(["roadmap"]))).toBe(false);
  });
});
