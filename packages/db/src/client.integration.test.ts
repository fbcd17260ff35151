import { describe, expect, it } from "vitest";
import pg from "pg";
import { createDatabase } from "./client";

describe("database client", () => {
  it("survives the server closing its idle connections, and reconnects", async () => {
    const url = new URL(process.env.DATABASE_APP_URL!);
    url.searchParams.set("application_name", "awan-client-test"); // only this client's connections are cut
    const db = createDatabase(url.toString(), { maxConnections: 2 });
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      await db.$queryRaw`SELECT 1`;
      const { rowCount } = await owner.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'awan-client-test'",
      );
      expect(rowCount).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 100)); // let the error reach the idle connection
      await expect(db.$queryRaw`SELECT 1 AS ok`).resolves.toEqual([{ ok: 1 }]);
    } finally {
      await owner.end();
      await db.$disconnect();
    }
  });
});
