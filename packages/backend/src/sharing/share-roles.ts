import type { Access } from "../files/access";

export type ShareRole = "VIEWER" | "EDITOR" | "UPLOADER";

/** How a role reads in the activity log and in messages. */
export const ROLE_WORDS: Record<ShareRole, string> = { VIEWER: "viewer", EDITOR: "editor", UPLOADER: "“can add files only”" };

/** The strongest of the roles someone holds on an item (directly and through groups), and what they add up to. */
export function combineRoles(roles: ShareRole[]): { role: ShareRole; access: Access } {
  const has = new Set(roles);
  const role: ShareRole = has.has("EDITOR") ? "EDITOR" : has.has("VIEWER") ? "VIEWER" : "UPLOADER";
  return {
    role,
    access: { own: false, view: has.has("VIEWER") || has.has("EDITOR"), edit: has.has("EDITOR"), upload: has.has("EDITOR") || has.has("UPLOADER") },
  };
}
