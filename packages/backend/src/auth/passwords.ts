import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id, m=19 MiB, t=2, p=1: OWASP's recommended minimum.

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

// Verifying against this when the account does not exist keeps the answer's
// timing the same, so response time does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hash("decoy password that matches nothing");
  await verify(await decoyHash, password);
  return false;
}
