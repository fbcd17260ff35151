import { TabNav } from "@/components/tab-nav";

const TABS = [
  { href: "/admin/members", label: "Members" },
  { href: "/admin/organization", label: "Organization" },
];
const ADMIN_TABS = [
  { href: "/admin/groups", label: "Groups" },
  { href: "/admin/files", label: "Files" },
  { href: "/admin/mail", label: "Mail" },
  { href: "/admin/activity", label: "Activity" },
];
const STORAGE_TAB = { href: "/admin/storage", label: "Storage" };

/**
 * Groups, file and mail settings and the activity log are for the organization's
 * administrators; Storage is the server's own business, shown to platform
 * administrators only.
 */
export function AdminTabs({ showAdmin, showStorage }: { showAdmin: boolean; showStorage: boolean }) {
  return <TabNav label="Admin" tabs={[...TABS, ...(showAdmin ? ADMIN_TABS : []), ...(showStorage ? [STORAGE_TAB] : [])]} />;
}
