import { getStorageConfig } from "../config";
import { getDatabase } from "../db";
import { StorageEngine } from "./storage-engine";

// One engine per process (its node health is what routing learns over time);
// kept on globalThis so hot reload in `next dev` reuses it.
const holder = globalThis as typeof globalThis & { awanStorage?: StorageEngine; awanJobs?: boolean };

export function getStorageEngine(): StorageEngine {
  holder.awanStorage ??= StorageEngine.fromConfig(getDatabase(), getStorageConfig());
  return holder.awanStorage;
}

const HOUR = 60 * 60 * 1000;

/**
 * The long-running server's storage duties: probing unhealthy nodes, and a
 * scrub of every replica each AWAN_SCRUB_INTERVAL_HOURS (default 24).
 */
export function startBackgroundJobs(): void {
  if (holder.awanJobs) return;
  holder.awanJobs = true;
  const engine = getStorageEngine();
  engine.startMonitoring();
  void engine.probeAll();
  const every = getStorageConfig().scrubIntervalHours * HOUR;
  const timer = setInterval(() => {
    engine.scrub().then(
      (report) => console.log(`Scrub: ${JSON.stringify(report)}`),
      (error: unknown) => console.error("Scrub failed:", error),
    );
  }, every);
  timer.unref();
}
