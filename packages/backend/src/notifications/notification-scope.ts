import type { ScopedDb } from "@awan/db";
import type { Actor } from "../tenancy/memberships";

/** What every notifications service works with: the organization-scoped transaction and whose notifications they are. */
export type NotificationScope = { tx: ScopedDb; actor: Actor };
