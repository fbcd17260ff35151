import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { bytesOf, newEngine, newStorage } from "./testing/storage-fixture";
import { newOrganization } from "./testing/platform-database";

describe("scrub", () => {
  it("goes on past an organization it cannot read, and says which one it skipped", async () => {
    const { engine, organizationId, owner, db, dirs } = await newStorage({ chunkSize: 64 * 1024 });
    await engine.write(organizationId, bytesOf(crypto.randomBytes(100_000)));
    // A second organization whose data key is wrapped by a master key this engine does not have.
    const stranger = await newOrganization(db, "stranger");
    const { engine: other } = newEngine({ db, dirs, chunkSize: 64 * 1024 });
    await other.write(stranger, bytesOf(crypto.randomBytes(10_000)));

    const report = await engine.scrub();
    expect(report.replicasChecked).toBe(4); // the readable organization's two chunks, two copies each
    const run = await owner.scrubRun.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
    expect(run.finishedAt).not.toBeNull();
    expect(run.error).toContain(`Not scrubbed: ${stranger}`);
  });

  it("makes no key for an organization that has stored nothing", async () => {
    const { engine, db, owner } = await newStorage();
    const idle = await newOrganization(db, "idle");
    await engine.scrub();
    expect(await owner.organizationKey.count({ where: { organizationId: idle } })).toBe(0);
  });
});
