"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type Tab = { href: string; label: string };

/** A row of tabs that are links; the one for the current page is marked as such. */
export function TabNav({ label, tabs, className = "" }: { label: string; tabs: Tab[]; className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={`flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800 ${className}`}>
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
