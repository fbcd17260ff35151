import type { RouterOutputs } from "@awan/backend";

export type NotificationKind = RouterOutputs["notifications"]["preferences"]["emailKinds"][number];

/** Each kind as one notification of it is called, and as a group of them (the settings page). */
export const NOTIFICATION_KINDS: { kind: NotificationKind; one: string; many: string; about: string }[] = [
  { kind: "MENTION", one: "Mention", many: "Mentions", about: "Someone mentions you in a channel or thread." },
  { kind: "DIRECT_MESSAGE", one: "Direct message", many: "Direct messages", about: "Someone writes to you directly." },
  { kind: "REPLY", one: "Reply", many: "Thread replies", about: "Someone replies in a channel thread you started or replied in." },
  { kind: "SHARE", one: "Share", many: "Shares", about: "Someone shares a file or folder with you or a group you are in." },
  { kind: "INVITATION", one: "Invitation", many: "Invitations", about: "Someone invites you to a workspace or channel." },
];

export const kindLabel = (kind: NotificationKind) => NOTIFICATION_KINDS.find((k) => k.kind === kind)?.one ?? "Notification";
