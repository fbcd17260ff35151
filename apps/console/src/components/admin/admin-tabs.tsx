"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/admin/members", label: "Members" },
  { href: "/admin/organization", label: "Organization" },
];
const ADMIN_TABS = [
  { href: "/admin/files", label: "Files" },
  { href: "/admin/activity", label: "Activity" },
];
const STORAGE_TAB = { href: "/admin/storage", label: "Storage" };

/**
 * File settings and the activity log are for the organization's
 * administrators; Storage is the server's own business, shown to platform
 * administrators only.
 */
export function AdminTabs({ showAdmin, showStorage }: { showAdmin: boolean; showStorage: boolean }) {
  const pathname = usePathname();
  const tabs = [...TABS, ...(showAdmin ? ADMIN_TABS : []), ...(showStorage ? [STORAGE_TAB] : [])];
  return (
    <nav aria-label="Admin" className="flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={pathname === tab.href ? "page" : undefined}
          className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-brand-500 aria-[current=page]:border-brand-600 aria-[current=page]:font-medium aria-[current=page]:text-zinc-900 dark:text-zinc-400 dark:hover:text-white dark:aria-[current=page]:text-white"
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
