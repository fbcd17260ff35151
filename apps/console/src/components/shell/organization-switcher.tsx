"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import type { Organization } from "./shell";


/** A disclosure menu of the user's organizations; Escape or a click outside closes it. */
export function OrganizationSwitcher({ current, organizations }: { current: Organization; organizations: Organization[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  // A server closed to sign-up lets only its administrators create organizations.
  const canCreate = useQuery({ ...trpc.organization.canCreate.queryOptions(), enabled: open });
  const switchOrganization = useMutation(
    trpc.organization.switch.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        queryClient.clear(); // nothing of the previous organization stays on screen
        router.refresh();
      },
    }),
  );

  useEffect(() => {
    if (!open) return;
    // Opening moves focus into the menu; Escape closes it and gives focus back.
    root.current?.querySelector<HTMLElement>(`#${CSS.escape(menuId)} button, #${CSS.escape(menuId)} a`)?.focus();
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        setOpen(false);
        toggle.current?.focus();
      } else if (!root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, [open, menuId]);

  return (
    <div ref={root} className="relative">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Organization: ${current.name}. Switch organization`}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center justify-between gap-2 rounded-md px-2 py-2 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:bg-zinc-800"
      >
        <span className="min-w-0">
          <span className="block truncate text-sm font-semibold">{current.name}</span>
          <span className="block text-xs capitalize text-zinc-500 dark:text-zinc-400">{current.role.toLowerCase()}</span>
        </span>
        <svg aria-hidden viewBox="0 0 20 20" className="size-4 shrink-0 text-zinc-500 dark:text-zinc-400" fill="currentColor">
          <path d="M10 3l4 5H6zm0 14l-4-5h8z" />
        </svg>
      </button>
      {open ? (
        <div
          id={menuId}
          className="absolute inset-x-0 top-full z-30 mt-1 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <ul aria-label="Your organizations">
            {organizations.map((organization) => (
              <li key={organization.id}>
                <button
                  type="button"
                  aria-current={organization.id === current.id ? "true" : undefined}
                  disabled={switchOrganization.isPending}
                  onClick={() => switchOrganization.mutate({ organizationId: organization.id })}
                  className="flex w-full items-center justify-between rounded px-2 py-1.5 text-left text-sm hover:bg-zinc-100 aria-[current]:font-semibold dark:hover:bg-zinc-800"
                >
                  <span className="truncate">{organization.name}</span>
                  <span className="ml-2 text-xs capitalize text-zinc-500 dark:text-zinc-400">{organization.role.toLowerCase()}</span>
                </button>
              </li>
            ))}
          </ul>
          {canCreate.data ? (
            <div className="mt-1 border-t border-zinc-200 pt-1 dark:border-zinc-700">
              <Link
                href="/organizations/new"
                onClick={() => setOpen(false)}
                className="block rounded px-2 py-1.5 text-sm text-brand-600 dark:text-brand-400 hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                New organization
              </Link>
            </div>
          ) : null}
          {switchOrganization.error ? (
            <p role="alert" className="px-2 py-1 text-xs text-red-600">
              {errorMessage(switchOrganization.error)}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
