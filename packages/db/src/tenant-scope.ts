import type { Database } from "./client";
import type { Prisma } from "./generated/prisma/client.ts";

/** A client inside one transaction; all a service ever receives. */
export type ScopedDb = Prisma.TransactionClient;

/**
 * Who the queries run for. Row-level security policies read these values:
 * `organizationId` opens that organization's rows, `userId` the user's own
 * memberships (and the organizations they belong to), `tokenHash`
 * the one row a secret token names (an invitation, a public link, an app
 * password), `mailDomain` the one mail domain of that name (which
 * organization mail for it goes to). `platformJob` lets a platform-wide job (the
 * storage scrubber, key rotation) list organization ids, nothing more: it
 * then works inside each organization's own scope.
 */
export type TenantScope = {
  organizationId?: string | null;
  userId?: string | null;
  tokenHash?: string | null;
  mailDomain?: string | null;
  platformJob?: boolean;
};

const TRANSACTION_OPTIONS = { maxWait: 5_000, timeout: 15_000 };

/**
 * Runs `work` in one transaction whose settings are transaction-local
 * (`set_config(..., true)`): they end with the transaction, so a pooled
 * connection never carries one tenant's scope into another's request.
 */
export function withTenantScope<T>(db: Database, scope: TenantScope, work: (tx: ScopedDb) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await applyScope(tx, scope);
    return work(tx);
  }, TRANSACTION_OPTIONS);
}

/** Changes the scope inside an open transaction, e.g. after an invitation names its organization. */
export async function applyScope(tx: ScopedDb, scope: TenantScope): Promise<void> {
  await tx.$executeRaw`SELECT
    set_config('app.organization_id', ${scope.organizationId ?? ""}, true),
    set_config('app.user_id', ${scope.userId ?? ""}, true),
    set_config('app.token_hash', ${scope.tokenHash ?? ""}, true),
    set_config('app.mail_domain', ${scope.mailDomain ?? ""}, true),
    set_config('app.platform_job', ${scope.platformJob ? "on" : ""}, true)`;
}
