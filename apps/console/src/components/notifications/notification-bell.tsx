"use client";

import { useEffect, useId, useRef, useState, type ToggleEvent } from "react";
import { NotificationList } from "./notification-list";
import { useUnreadNotificationCount } from "./use-notifications";

const PANEL_WIDTH = 384;
const GAP = 8;

/** Puts the panel under the bell, inside the window (set before it shows, so it never shows elsewhere first). */
function placeUnder(panel: HTMLElement, button: HTMLElement) {
  const rect = button.getBoundingClientRect();
  const width = Math.min(PANEL_WIDTH, window.innerWidth - 2 * GAP);
  const left = Math.max(GAP, Math.min(rect.left, window.innerWidth - width - GAP));
  Object.assign(panel.style, { top: `${rect.bottom + GAP}px`, left: `${left}px`, width: `${width}px`, maxHeight: `calc(100dvh - ${rect.bottom + 2 * GAP}px)` });
}

/**
 * The bell: the number of unread notifications, and a panel of them. The
 * panel is a popover, so the browser closes it on Escape or a click
 * elsewhere and gives focus back to the bell.
 */
export function NotificationBell() {
  const panelId = useId();
  const headingId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const count = useUnreadNotificationCount();
  const unread = count.data ?? 0;

  // A turned phone or a resized window: the panel stays under the bell, or closes with it (the other layout has its own).
  useEffect(() => {
    if (!open) return;
    const follow = () => {
      if (!panel.current || !button.current) return;
      if (button.current.getClientRects().length === 0) panel.current.hidePopover();
      else placeUnder(panel.current, button.current);
    };
    window.addEventListener("resize", follow);
    return () => window.removeEventListener("resize", follow);
  }, [open]);

  function onToggle(event: ToggleEvent<HTMLDivElement>) {
    const opening = event.newState === "open";
    setOpen(opening);
    if (opening) panel.current?.focus();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        popoverTarget={panelId}
        aria-expanded={open}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        className="relative inline-flex size-9 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.75}>
          <path strokeLinecap="round" strokeLinejoin="round" d="M6 9a6 6 0 1 1 12 0c0 5 2 6.5 2 6.5H4S6 14 6 9zM10 19a2 2 0 0 0 4 0" />
        </svg>
        {unread > 0 ? (
          <span aria-hidden className="absolute -right-0.5 -top-0.5 min-w-4.5 rounded-full bg-red-600 px-1 text-center text-[0.6875rem] font-semibold leading-4.5 text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      <div
        ref={panel}
        id={panelId}
        popover="auto"
        role="dialog"
        aria-labelledby={headingId}
        tabIndex={-1}
        onBeforeToggle={(event) => event.newState === "open" && button.current && placeUnder(event.currentTarget, button.current)}
        onToggle={onToggle}
        style={{ right: "auto", bottom: "auto" }}
        className="fixed m-0 overflow-y-auto rounded-xl border border-zinc-200 bg-white p-3 text-zinc-900 shadow-xl outline-none dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id={headingId} className="px-1 pb-2 text-sm font-semibold">Notifications</h2>
        {open ? <NotificationList unread={unread} onOpen={() => panel.current?.hidePopover()} /> : null}
      </div>
    </>
  );
}
