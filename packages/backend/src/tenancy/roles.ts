import type { Role } from "@awan/db";

const RANK: Record<Role, number> = { GUEST: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

export const ROLES = ["OWNER", "ADMIN", "MEMBER", "GUEST"] as const satisfies readonly Role[];

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

/** Owners manage everyone; admins manage (and hand out) only the roles below theirs. */
export function canManageRole(actor: Role, target: Role): boolean {
  return actor === "OWNER" || (hasRole(actor, "ADMIN") && RANK[target] < RANK[actor]);
}

export function roleName(role: Role): string {
  return role === "ADMIN" ? "an admin" : role === "OWNER" ? "an owner" : role === "MEMBER" ? "a member" : "a guest";
}
