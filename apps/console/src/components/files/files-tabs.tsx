import { TabNav } from "@/components/tab-nav";

const TABS = [
  { href: "/files", label: "My files" },
  { href: "/files/trash", label: "Trash" },
];

export function FilesTabs() {
  return <TabNav label="Files" tabs={TABS} className="mb-6" />;
}
