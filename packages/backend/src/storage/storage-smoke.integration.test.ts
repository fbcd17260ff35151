import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { newAccount } from "../testing/fixtures";
import { bytesOf, newEngine, sha256 } from "./testing/storage-fixture";

describe("storage engine", () => {
  it("round-trips bytes and ranges", async () => {
    const { organizationId } = await newAccount("storage");
    const { engine } = newEngine();
    const data = crypto.randomBytes(200_000);
    const written = await engine.write(organizationId, bytesOf(data));
    expect(written.size).toBe(data.length);
    expect(sha256(await engine.readAll(organizationId, written.blobId))).toBe(sha256(data));
    const { stream } = await engine.open(organizationId, written.blobId, { start: 65_530, end: 131_080 });
    const parts: Buffer[] = [];
    for await (const p of stream) parts.push(p as Buffer);
    expect(Buffer.concat(parts).equals(data.subarray(65_530, 131_081))).toBe(true);
  });
});
