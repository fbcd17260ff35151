import type { ScopedDb } from "@awan/db";
import { getStorageEngine } from "../storage/engine-instance";
import type { Actor } from "../tenancy/memberships";

/** What every chat service works with: the organization-scoped transaction and who acts. */
export type ChatScope = { tx: ScopedDb; actor: Actor };

/** The organization's data key, which seals message bodies. */
export async function chatKey({ tx, actor }: ChatScope): Promise<CryptoKey> {
  return (await getStorageEngine().organizationKeys(tx, actor.organizationId)).dataKey;
}
