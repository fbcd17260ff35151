import crypto from "node:crypto";
import fs from "node:fs";
import { withTenantScope, type Database } from "@awan/db";
import type { StorageConfig } from "../config";
import { loadMasterKeys, masterKeyFiles } from "./master-key";
import { OrganizationKeyring } from "./organization-keys";
import { listOrganizationIds } from "./organizations";

/** Re-wraps every organization's data key under the current master key; chunks are not touched. */
export async function rewrapAllOrganizationKeys(db: Database, keyring: OrganizationKeyring): Promise<number> {
  let rewrapped = 0;
  for (const organizationId of await listOrganizationIds(db)) {
    if (await withTenantScope(db, { organizationId }, (tx) => keyring.rewrap(tx, organizationId))) rewrapped += 1;
  }
  return rewrapped;
}

/**
 * Rotates the master key. With key files: the current key becomes
 * `master.key.previous`, a new `master.key` is made, every data key is
 * re-wrapped, and the previous key is deleted. A server running meanwhile
 * can still unwrap with either. With AWAN_MASTER_KEY the operator supplies
 * the new key there and the old one in AWAN_MASTER_KEY_PREVIOUS, and this
 * only re-wraps.
 */
export async function rotateMasterKey(db: Database, config: StorageConfig): Promise<{ rewrapped: number; newKeyId: string }> {
  if (!config.masterKey) {
    const files = masterKeyFiles(config.dataDir);
    if (!fs.existsSync(files.previous)) {
      fs.renameSync(files.current, files.previous);
      fs.writeFileSync(files.current, crypto.randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    }
    // An interrupted rotation resumes here: previous and current both exist.
    const keyring = new OrganizationKeyring(loadMasterKeys(config));
    const rewrapped = await rewrapAllOrganizationKeys(db, keyring);
    fs.rmSync(files.previous);
    return { rewrapped, newKeyId: keyring.current.id };
  }
  const keyring = new OrganizationKeyring(loadMasterKeys(config));
  return { rewrapped: await rewrapAllOrganizationKeys(db, keyring), newKeyId: keyring.current.id };
}
