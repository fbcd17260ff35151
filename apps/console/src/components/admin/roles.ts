export const ROLE_LABELS = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member", GUEST: "Guest" } as const;
export type RoleName = keyof typeof ROLE_LABELS;

const RANK: Record<RoleName, number> = { GUEST: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

/** Mirrors the backend's rule, only to hide controls that would be refused anyway. */
export function canManage(actor: RoleName, target: RoleName): boolean {
  return actor === "OWNER" || (actor === "ADMIN" && RANK[target] < RANK.ADMIN);
}

export function assignableRoles(actor: RoleName): RoleName[] {
  return (["OWNER", "ADMIN", "MEMBER", "GUEST"] as const).filter((role) => canManage(actor, role));
}

/** A role from a form field; anything else becomes the least privileged role. */
export function roleFrom(value: FormDataEntryValue | null): RoleName {
  return typeof value === "string" && value in ROLE_LABELS ? (value as RoleName) : "GUEST";
}
