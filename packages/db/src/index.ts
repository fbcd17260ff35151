export { createDatabase, type Database } from "./client";
export { applyScope, withTenantScope, type ScopedDb, type TenantScope } from "./tenant-scope";
export { Prisma, Role } from "./generated/prisma/client.ts";
export { PrismaErrorCode, isPrismaError } from "./prisma-errors";
