import { DomainError } from "../../errors";

export type LinkState = "active" | "expired" | "revoked" | "used-up";

type LinkLimits = { revokedAt: Date | null; expiresAt: Date | null; maxDownloads: number | null; downloadCount: number };

/** Whether a link still opens, and if not, why: the reason its public page gives. */
export function linkState(link: LinkLimits, now = new Date()): LinkState {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return "expired";
  if (link.maxDownloads !== null && link.downloadCount >= link.maxDownloads) return "used-up";
  return "active";
}

// Said to anyone holding the link, so nothing in them names or describes the item.
export const REFUSALS = {
  unknown: "This link does not exist. Check that it was copied whole.",
  expired: "This link has expired.",
  revoked: "This link was turned off by the person who shared it.",
  "used-up": "This link reached its download limit.",
  unavailable: "What this link shared is no longer available.",
} as const;
export type Refusal = keyof typeof REFUSALS;

export function linkRefused(reason: Refusal): DomainError {
  return new DomainError(reason === "unknown" ? "NOT_FOUND" : "GONE", REFUSALS[reason]);
}
