import type { ReactNode } from "react";

const icon = (d: string): ReactNode => (
  <svg aria-hidden viewBox="0 0 24 24" className="size-5 shrink-0" fill="none" stroke="currentColor" strokeWidth={1.75}>
    <path strokeLinecap="round" strokeLinejoin="round" d={d} />
  </svg>
);

/** `forMembers`: hidden from guests, who see only what was shared with them. */
export type NavItem = { href: string; label: string; icon: ReactNode; forMembers?: true };

export const NAV_ITEMS: NavItem[] = [
  { href: "/files", label: "Files", icon: icon("M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z") },
  { href: "/mail", label: "Mail", icon: icon("M3 6h18v12H3zM3 7l9 6 9-6") },
  { href: "/chat", label: "Chat", icon: icon("M4 5h16v11H8l-4 4z") },
  { href: "/workspaces", label: "Workspaces", icon: icon("M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z") },
  { href: "/documents", label: "Documents", icon: icon("M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6") },
  { href: "/calendar", label: "Calendar", icon: icon("M4 6h16v14H4zM4 10h16M8 3v4M16 3v4") },
  { href: "/tasks", label: "Tasks", icon: icon("M9 11l2 2 4-4M4 4h16v16H4z") },
  { href: "/admin", label: "Admin", icon: icon("M12 3l8 4v5c0 5-3.5 8-8 9-4.5-1-8-4-8-9V7z"), forMembers: true },
];
