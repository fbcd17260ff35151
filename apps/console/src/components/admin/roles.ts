export const ROLE_LABELS = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member", GUEST: "Guest" } as const;
export type RoleName = keyof typeof ROLE_LABELS;

/** Mirrors the backend's rule, only to hide controls that would be refused anyway. */
export function canManage(actor: RoleName, target: RoleName): boolean {
  return actor === "OWNER" || (actor === "ADMIN" && target !== "OWNER");
}

export function assignableRoles(actor: RoleName): RoleName[] {
  return actor === "OWNER" ? ["OWNER", "ADMIN", "MEMBER", "GUEST"] : ["ADMIN", "MEMBER", "GUEST"];
}
