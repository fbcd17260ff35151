import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "./client";
import { withTenantScope } from "./tenant-scope";

// Proves the database itself keeps organizations apart, whatever the code above it does.
let app: Database;
let owner: Database;
const orgA = crypto.randomUUID();
const orgB = crypto.randomUUID();
let userA: string;
let userB: string;

async function seedOrganization(organizationId: string, label: string): Promise<string> {
  const user = await app.user.create({
    data: { email: `${label}-${organizationId}@example.test`, name: label, passwordHash: "x" },
    select: { id: true },
  });
  await withTenantScope(app, { organizationId }, async (tx) => {
    await tx.organization.create({ data: { id: organizationId, name: label, slug: `iso-${organizationId}` } });
    await tx.membership.create({ data: { organizationId, userId: user.id, role: "OWNER" } });
    await tx.invitation.create({
      data: { organizationId, role: "MEMBER", tokenHash: crypto.randomUUID(), expiresAt: new Date(Date.now() + 1e6), createdById: user.id },
    });
  });
  return user.id;
}

beforeAll(async () => {
  app = createDatabase(process.env.DATABASE_APP_URL!);
  owner = createDatabase(process.env.DATABASE_URL!);
  userA = await seedOrganization(orgA, "Isolation A");
  userB = await seedOrganization(orgB, "Isolation B");
});

afterAll(async () => {
  await app.$disconnect();
  await owner.$disconnect();
});

describe("row-level security", () => {
  it("connects as a role that is neither superuser nor BYPASSRLS", async () => {
    const [me] = await app.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean }[]>`
      SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`;
    expect(me).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it("has RLS enabled and forced on every table with an organizationId", async () => {
    const tables = await owner.$queryRaw<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[]>`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organizationId')
             OR c.relname = 'Organization')`;
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) expect(table, table.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it("shows organization A's scope none of B's rows", async () => {
    const seen = await withTenantScope(app, { organizationId: orgA }, async (tx) => ({
      organizations: await tx.organization.findMany({ where: { id: { in: [orgA, orgB] } }, select: { id: true } }),
      memberships: await tx.membership.findMany({ where: { organizationId: { in: [orgA, orgB] } }, select: { organizationId: true } }),
      invitations: await tx.invitation.findMany({ where: { organizationId: { in: [orgA, orgB] } }, select: { organizationId: true } }),
    }));
    expect(seen.organizations).toEqual([{ id: orgA }]);
    expect(seen.memberships).toEqual([{ organizationId: orgA }]);
    expect(seen.invitations).toEqual([{ organizationId: orgA }]);
  });

  it("shows no tenant rows at all without a scope", async () => {
    expect(await app.organization.count()).toBe(0);
    expect(await app.membership.count()).toBe(0);
    expect(await app.invitation.count()).toBe(0);
  });

  it("refuses a write into B from A's scope, and changes nothing", async () => {
    const insert = withTenantScope(app, { organizationId: orgA }, (tx) =>
      tx.membership.create({ data: { organizationId: orgB, userId: userA, role: "OWNER" } }),
    );
    await expect(insert).rejects.toThrow(/row-level security/);

    const update = await withTenantScope(app, { organizationId: orgA }, (tx) =>
      tx.organization.updateMany({ where: { id: orgB }, data: { name: "taken over" } }),
    );
    expect(update.count).toBe(0);
    const moved = withTenantScope(app, { organizationId: orgA }, (tx) =>
      tx.invitation.updateMany({ where: { organizationId: orgA }, data: { organizationId: orgB } }),
    );
    await expect(moved).rejects.toThrow(/row-level security/);

    const deleted = await withTenantScope(app, { organizationId: orgA }, (tx) =>
      tx.membership.deleteMany({ where: { organizationId: orgB } }),
    );
    expect(deleted.count).toBe(0);

    expect(await owner.organization.findUnique({ where: { id: orgB }, select: { name: true } })).toEqual({ name: "Isolation B" });
    expect(await owner.membership.count({ where: { organizationId: orgB } })).toBe(1);
    expect(await owner.invitation.count({ where: { organizationId: orgB } })).toBe(1);
    expect(await owner.membership.count({ where: { organizationId: orgB, userId: userA } })).toBe(0);
  });

  it("lets a user read their own memberships across organizations, but not others'", async () => {
    const seen = await withTenantScope(app, { userId: userB }, (tx) =>
      tx.membership.findMany({ where: { organizationId: { in: [orgA, orgB] } }, select: { organizationId: true } }),
    );
    expect(seen).toEqual([{ organizationId: orgB }]);
  });

  it("leaves nothing behind from a rolled-back transaction", async () => {
    const orgC = crypto.randomUUID();
    const failing = withTenantScope(app, { organizationId: orgC }, async (tx) => {
      await tx.organization.create({ data: { id: orgC, name: "Doomed", slug: `iso-${orgC}` } });
      await tx.membership.create({ data: { organizationId: orgC, userId: userA, role: "OWNER" } });
      throw new Error("abort");
    });
    await expect(failing).rejects.toThrow("abort");
    expect(await owner.organization.count({ where: { id: orgC } })).toBe(0);
    expect(await owner.membership.count({ where: { organizationId: orgC } })).toBe(0);
  });

  it("does not carry a scope from one transaction into the next on the same pool", async () => {
    const single = createDatabase(process.env.DATABASE_APP_URL!, { maxConnections: 1 });
    try {
      await withTenantScope(single, { organizationId: orgA }, (tx) => tx.organization.count());
      expect(await single.organization.count({ where: { id: orgA } })).toBe(0);
      const [setting] = await single.$queryRaw<{ value: string | null }[]>`
        SELECT current_setting('app.organization_id', true) AS value`;
      expect(setting?.value ?? "").toBe("");
    } finally {
      await single.$disconnect();
    }
  });
});
