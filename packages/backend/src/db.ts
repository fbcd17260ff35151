import { createDatabase, type Database } from "@awan/db";
import { getConfig } from "./config";

// One pool per process; kept on globalThis so hot reload in `next dev` reuses it.
const holder = globalThis as typeof globalThis & { awanDatabase?: Database };

export function getDatabase(): Database {
  holder.awanDatabase ??= createDatabase(getConfig().databaseUrl);
  return holder.awanDatabase;
}

