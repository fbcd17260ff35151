"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { setOrganizationOnScreen } from "@/lib/organization-on-screen";
import { NAV_ITEMS } from "./nav-items";
import { OrganizationSwitcher } from "./organization-switcher";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

export type Organization = { id: string; name: string; role: string };

export type ShellProps = {
  user: { name: string; email: string };
  organization: Organization | null;
  organizations: Organization[];
  children: ReactNode;
};

/** Sidebar on wide screens; a top bar with a menu button on phones. */
export function Shell({ user, organization, organizations, children }: ShellProps) {
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => event.key === "Escape" && setMenuOpen(false);
    document.addEventListener("keydown", closeOnEscape);
    return () => document.removeEventListener("keydown", closeOnEscape);
  }, [menuOpen]);
  // Set while rendering (idempotent), so that the pages' first queries, whose
  // effects run before this component's, already carry it.
  setOrganizationOnScreen(organization?.id ?? null);

  return (
    <div className="min-h-dvh md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow dark:focus:bg-zinc-900"
      >
        Skip to content
      </a>
      <header className="flex items-center justify-between border-b border-zinc-200 bg-white px-4 py-2 md:hidden dark:border-zinc-800 dark:bg-zinc-900">
        <span className="font-semibold text-brand-600 dark:text-brand-400">Awan</span>
        <div className="flex items-center gap-1">
          {organization ? <NotificationBell /> : null}
          <button
            type="button"
            aria-expanded={menuOpen}
            aria-controls="sidebar"
            onClick={() => setMenuOpen(!menuOpen)}
            className="rounded-md px-3 py-1.5 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:bg-zinc-800"
          >
            Menu
          </button>
        </div>
      </header>
      <aside
        id="sidebar"
        className={`${menuOpen ? "flex" : "hidden"} w-full flex-col gap-4 border-b border-zinc-200 bg-white p-3 md:sticky md:top-0 md:flex md:h-dvh md:w-64 md:shrink-0 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900`}
      >
        <div className="hidden items-center justify-between md:flex">
          <p className="px-2 pt-1 text-lg font-semibold tracking-tight text-brand-600 dark:text-brand-400">Awan</p>
          {organization ? <NotificationBell /> : null}
        </div>
        {organization ? <OrganizationSwitcher current={organization} organizations={organizations} /> : null}
        <nav aria-label="Sections" className="flex-1">
          <ul className="space-y-0.5">
            {NAV_ITEMS.filter((item) => !item.forMembers || (organization && organization.role !== "GUEST")).map((item) => {
              const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className="flex items-center gap-3 rounded-md px-2 py-2 text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-500 aria-[current=page]:bg-brand-50 aria-[current=page]:font-medium aria-[current=page]:text-brand-700 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-white"
                  >
                    {item.icon}
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="space-y-3 border-t border-zinc-200 pt-3 dark:border-zinc-800">
          <Link
            href="/settings"
            aria-current={pathname === "/settings" ? "page" : undefined}
            aria-label={`Settings for ${user.name}`}
            className="block rounded-md px-2 py-1 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-500 aria-[current=page]:bg-brand-50 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800"
          >
            <span className="block truncate text-sm font-medium">{user.name}</span>
            <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email} · Settings</span>
          </Link>
          <ThemeToggle />
          <SignOutButton />
        </div>
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 md:px-10 md:py-8">
        {children}
      </main>
    </div>
  );
}
