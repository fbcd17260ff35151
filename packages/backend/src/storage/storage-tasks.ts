import { createDatabase } from "@awan/db";
import { getStorageConfig } from "../config";
import { rotateMasterKey } from "./master-key-rotation";
import { StorageEngine } from "./storage-engine";

/**
 * The storage jobs the start script and `npm run storage:*` run outside the
 * console process, each with its own database connection.
 *  - sweep: after a crash, before the console starts (see start-up-sweep.ts);
 *  - scrub: verify and repair every replica now;
 *  - rotate-master-key: re-wrap every organization's key under a new master key.
 */
export async function runStorageTask(task: "sweep" | "scrub" | "rotate-master-key", databaseUrl: string): Promise<object> {
  const db = createDatabase(databaseUrl, { maxConnections: 4 });
  try {
    const config = getStorageConfig();
    if (task === "rotate-master-key") return await rotateMasterKey(db, config);
    const engine = StorageEngine.fromConfig(db, config);
    if (task === "sweep") return await engine.sweepAfterCrash();
    await engine.probeAll();
    return await engine.scrub();
  } finally {
    await db.$disconnect();
  }
}
