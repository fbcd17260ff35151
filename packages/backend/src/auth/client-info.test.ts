import { describe, expect, it } from "vitest";
import { clientInfo } from "./client-info";

describe("clientInfo", () => {
  it("takes the last X-Forwarded-For entry, the one the server in front appended", () => {
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.5", "user-agent": "curl/8" });
    expect(clientInfo(headers)).toEqual({ ipAddress: "10.0.0.5", userAgent: "curl/8" });
  });

  it("reads plain header objects, as next-auth passes them", () => {
    expect(clientInfo({ "x-forwarded-for": "::ffff:127.0.0.1" })).toEqual({ ipAddress: "::ffff:127.0.0.1", userAgent: null });
    expect(clientInfo({})).toEqual({ ipAddress: null, userAgent: null });
  });
});
