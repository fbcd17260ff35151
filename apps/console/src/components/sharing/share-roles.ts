export type ShareRole = "VIEWER" | "EDITOR" | "UPLOADER";

export const ROLE_LABELS: Record<ShareRole, string> = { VIEWER: "Viewer", EDITOR: "Editor", UPLOADER: "Can add files only" };

/** The roles an item can be shared as: "can add files only" is for folders. */
export const rolesFor = (kind: string): ShareRole[] => (kind === "FOLDER" ? ["VIEWER", "EDITOR", "UPLOADER"] : ["VIEWER", "EDITOR"]);
