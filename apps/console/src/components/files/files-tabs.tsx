import { TabNav } from "@/components/tab-nav";

const TABS = [
  { href: "/files", label: "My files" },
  { href: "/files/shared", label: "Shared with me" },
  { href: "/files/workspaces", label: "Workspaces" },
  { href: "/files/trash", label: "Trash" },
];
const GUEST_TABS = [
  { href: "/files/shared", label: "Shared with me" },
  { href: "/files/workspaces", label: "Workspaces" },
];

export function FilesTabs({ guest = false }: { guest?: boolean }) {
  return <TabNav label="Files" tabs={guest ? GUEST_TABS : TABS} className="mb-6" />;
}
