import type { Database } from "@awan/db";
import { getConfig } from "./config";
import { getDatabase } from "./db";

export type Health = { status: "ok" | "unavailable"; db: "ok" | "down"; version: string };

/** What /api/health reports; unavailable when any part the console needs is down. */
export async function checkHealth(db: Database = getDatabase()): Promise<Health> {
  const version = getConfig().version;
  try {
    await db.$queryRaw`SELECT 1`;
    return { status: "ok", db: "ok", version };
  } catch (error) {
    console.error("Health check: the database is not answering:", error instanceof Error ? error.message : error);
    return { status: "unavailable", db: "down", version };
  }
}
