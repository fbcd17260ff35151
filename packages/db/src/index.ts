export { createDatabase, type Database } from "./client";
export { createRawConnection, type RawConnection } from "./raw-connection";
export { applyScope, withTenantScope, type ScopedDb, type TenantScope } from "./tenant-scope";
export { Prisma, Role, UploadConflict, ItemKind, NotificationKind, MailboxKind, MailFolderRole, OutboundState } from "./generated/prisma/client.ts";
export { PrismaErrorCode, isPrismaError } from "./prisma-errors";
