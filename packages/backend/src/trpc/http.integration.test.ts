import { describe, expect, it } from "vitest";
import { handleTrpcRequest } from "./http";

const url = "http://localhost:3000/api/trpc/organization.leave";

describe("tRPC over HTTP", () => {
  it("refuses writes another site could make a browser send", async () => {
    const form = new FormData();
    form.set("x", "1");
    const multipart = await handleTrpcRequest(new Request(url, { method: "POST", body: form }), null);
    expect(multipart.status).toBe(403);

    const foreign = await handleTrpcRequest(
      new Request(url, { method: "POST", headers: { "content-type": "application/json", origin: "http://evil.localhost:3000" }, body: "{}" }),
      null,
    );
    expect(foreign.status).toBe(403);

    const sibling = await handleTrpcRequest(
      new Request(url, { method: "POST", headers: { "content-type": "application/json", "sec-fetch-site": "same-site" }, body: "{}" }),
      null,
    );
    expect(sibling.status).toBe(403);
  });

  it("serves the console's own JSON requests", async () => {
    const own = await handleTrpcRequest(
      new Request(url, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
        body: "{}",
      }),
      null,
    );
    expect(own.status).toBe(401); // reached tRPC: signed out
  });
});
