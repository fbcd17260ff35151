import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { StorageConfig } from "../config";

export type MasterKey = { id: string; key: Buffer };

/** A short public fingerprint, stored beside each wrapped key to say which master key wrapped it. */
export function masterKeyId(key: Buffer): string {
  return crypto.createHash("sha256").update("awan master key id").update(key).digest("hex").slice(0, 16);
}

function toMasterKey(key: Buffer, origin: string): MasterKey {
  if (key.length !== 32) throw new Error(`${origin} must hold 32 bytes (base64); it holds ${key.length}.`);
  return { id: masterKeyId(key), key };
}

export function masterKeyFiles(dataDir: string) {
  const dir = path.join(dataDir, "secrets");
  return { current: path.join(dir, "master.key"), previous: path.join(dir, "master.key.previous") };
}

/**
 * The master keys this process can unwrap with: the current one (which wraps
 * new keys) and, during a rotation, the previous one. From AWAN_MASTER_KEY
 * (and AWAN_MASTER_KEY_PREVIOUS), or from key files under the data dir,
 * created on first start with mode 0600 and never inside a storage node.
 */
// (The turbopackIgnore marks keep the console's build from tracing the whole
// project into its output because of these run-time paths.)
export function loadMasterKeys(config: StorageConfig, env: NodeJS.ProcessEnv = process.env): MasterKey[] {
  if (config.masterKey) {
    const keys = [toMasterKey(Buffer.from(config.masterKey, "base64"), "AWAN_MASTER_KEY")];
    if (env.AWAN_MASTER_KEY_PREVIOUS) keys.push(toMasterKey(Buffer.from(env.AWAN_MASTER_KEY_PREVIOUS, "base64"), "AWAN_MASTER_KEY_PREVIOUS"));
    return keys;
  }
  const files = masterKeyFiles(config.dataDir);
  for (const node of config.nodes) {
    const inside = path.relative(node.location, files.current);
    if (!inside.startsWith("..") && !path.isAbsolute(inside)) {
      throw new Error(`The master key file ${files.current} would sit inside storage node ${node.id}; move the node or set AWAN_MASTER_KEY.`);
    }
  }
  if (!fs.existsSync(/*turbopackIgnore: true*/ files.current)) {
    fs.mkdirSync(/*turbopackIgnore: true*/ path.dirname(files.current), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(/*turbopackIgnore: true*/ files.current, crypto.randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const keys = [toMasterKey(Buffer.from(fs.readFileSync(/*turbopackIgnore: true*/ files.current, "utf8").trim(), "base64"), files.current)];
  if (fs.existsSync(/*turbopackIgnore: true*/ files.previous)) {
    keys.push(toMasterKey(Buffer.from(fs.readFileSync(/*turbopackIgnore: true*/ files.previous, "utf8").trim(), "base64"), files.previous));
  }
  return keys;
}
