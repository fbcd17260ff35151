import { getStorageConfig } from "../config";
import { getDatabase } from "../db";
import { StorageEngine } from "./storage-engine";

// One engine per process (its node health is what routing learns over time);
// kept on globalThis so hot reload in `next dev` reuses it.
const holder = globalThis as typeof globalThis & { awanStorage?: StorageEngine };

export function getStorageEngine(): StorageEngine {
  holder.awanStorage ??= StorageEngine.fromConfig(getDatabase(), getStorageConfig());
  return holder.awanStorage;
}
