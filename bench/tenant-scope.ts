// The price of tenant isolation per request: one read of an organization's
// members through withTenantScope (Prisma, one transaction, transaction-local
// set_config, RLS policies) against the peer doing the same statements with
// node-postgres by hand on the same role and database.
import crypto from "node:crypto";
import { createDatabase, withTenantScope } from "@awan/db";
import pg from "pg";
import { startTestDatabase } from "../scripts/lib/test-database";
import { compare, measureThroughput, type Benchmark } from "./harness";

const MEMBERS = 50;

export const tenantScope: Benchmark = {
  name: "tenant-scope",
  summary: "scoped read of 20 members: withTenantScope (Prisma) vs the same SQL by hand (node-postgres)",
  async run({ smoke }) {
    const database = await startTestDatabase();
    const db = createDatabase(database.appUrl, { maxConnections: 8 });
    const pool = new pg.Pool({ connectionString: database.appUrl, max: 8 });
    pool.on("error", () => {}); // idle connections closed by the server at shutdown
    try {
      const organizationId = crypto.randomUUID();
      await withTenantScope(db, { organizationId }, async (tx) => {
        await tx.organization.create({ data: { id: organizationId, name: "Bench", slug: `bench-${organizationId}` } });
        for (let i = 0; i < MEMBERS; i++) {
          const user = await tx.user.create({ data: { email: `m${i}-${organizationId}@bench.test`, name: `m${i}`, passwordHash: "x" } });
          await tx.membership.create({ data: { organizationId, userId: user.id, role: "MEMBER" } });
        }
      });

      const ours = () =>
        withTenantScope(db, { organizationId }, (tx) =>
          tx.membership.findMany({ where: { organizationId }, select: { id: true, role: true, userId: true }, take: 20 }),
        );
      const peer = async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query("SELECT set_config('app.organization_id', $1, true)", [organizationId]);
          await client.query('SELECT "id", "role", "userId" FROM "Membership" WHERE "organizationId" = $1 LIMIT 20', [organizationId]);
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      };

      const settings = { seconds: smoke ? 1 : 10, concurrency: 16 };
      await measureThroughput(ours, { ...settings, seconds: smoke ? 0.3 : 2 }); // warm-up
      await measureThroughput(peer, { ...settings, seconds: smoke ? 0.3 : 2 });
      const a = await measureThroughput(ours, settings);
      const b = await measureThroughput(peer, settings);
      return [
        compare("scoped reads", "ops/s", a.opsPerSecond, "node-postgres by hand", b.opsPerSecond),
        compare("latency p50", "ms", a.p50, "node-postgres by hand", b.p50),
        compare("latency p99", "ms", a.p99, "node-postgres by hand", b.p99),
      ];
    } finally {
      await db.$disconnect();
      await pool.end();
      await database.stop();
    }
  },
};
