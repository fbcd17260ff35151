import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Returns the secret stored in `file`, creating it (random, mode 0600) on
 * first use so that a fresh install needs no configuration and a restart
 * finds the same secret.
 */
export function readOrCreateSecret(file: string, bytes = 32): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(bytes).toString("base64url");
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
    throw error;
  }
}
