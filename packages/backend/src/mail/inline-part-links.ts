import crypto from "node:crypto";
import { getConfig } from "../config";

// Images a message shows from its own parts (cid:) are fetched by its HTML
// in a sandboxed frame: an opaque origin, whose requests browsers may send
// without the session cookie. So the body document names each such part by
// a signed link: this part, of this message, for this person, for a while.
// The attachment route still checks, at fetch, that the person may read it.

export const INLINE_PART_TTL_MS = 60 * 60 * 1000;

export type InlinePart = { organizationId: string; messageId: string; index: number; userId: string };

function signature(part: InlinePart, expires: number): string {
  return crypto
    .createHmac("sha256", getConfig().authSecret)
    .update(`mail inline part\0${part.organizationId}\0${part.messageId}\0${part.index}\0${part.userId}\0${expires}`)
    .digest("base64url");
}

/** The query a signed inline-part link carries: `inline=1&u=<user>&e=<expires>&s=<signature>`. */
export function signInlinePart(part: InlinePart, now = Date.now()): string {
  const expires = now + INLINE_PART_TTL_MS;
  return new URLSearchParams({ inline: "1", u: part.userId, e: String(expires), s: signature(part, expires) }).toString();
}

/** The person a signed link was made for, or null when it is not one, was made for something else, or has expired. */
export function verifyInlinePart(part: Omit<InlinePart, "userId">, query: URLSearchParams, now = Date.now()): string | null {
  const userId = query.get("u");
  const expires = Number(query.get("e"));
  const given = Buffer.from(query.get("s") ?? "");
  if (!userId || !Number.isSafeInteger(expires) || expires < now) return null;
  const expected = Buffer.from(signature({ ...part, userId }, expires));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? userId : null;
}
