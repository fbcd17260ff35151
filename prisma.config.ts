import { defineConfig } from "prisma/config";

// Migrations run as the database owner. `generate` needs no database, so an
// unset DATABASE_URL is fine there; the project's scripts (packages/db/bin)
// start the embedded PostgreSQL and set it for the commands that do.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
