import crypto from "node:crypto";

/**
 * A bearer secret (invite link, public link, app password): 192 random bits,
 * URL-safe. Only its SHA-256 is stored, so a database leak hands out nothing
 * that works; being random and long, it needs no slow hash.
 */
export function newSecretToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(24).toString("base64url");
  return { token, tokenHash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
