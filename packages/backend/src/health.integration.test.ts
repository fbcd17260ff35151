import { createDatabase } from "@awan/db";
import { describe, expect, it } from "vitest";
import { freePort } from "../../../scripts/lib/test-database";
import { checkHealth } from "./health";

describe("health", () => {
  it("is ok with the database up", async () => {
    expect(await checkHealth()).toMatchObject({ status: "ok", db: "ok", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it("names the database as the failing part when it is down", async () => {
    const unreachable = createDatabase(`postgresql://nobody:x@127.0.0.1:${await freePort()}/none`);
    expect(await checkHealth(unreachable)).toMatchObject({ status: "unavailable", db: "down" });
    await unreachable.$disconnect();
  });
});
