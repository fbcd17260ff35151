"use client";

import { useEffect, useRef } from "react";

export type MailShortcut = "next" | "previous" | "reply" | "replyAll" | "forward" | "archive" | "delete" | "compose" | "search" | "star" | "back";

const KEYS: Record<string, MailShortcut> = {
  j: "next",
  k: "previous",
  r: "reply",
  a: "replyAll",
  f: "forward",
  e: "archive",
  "#": "delete",
  c: "compose",
  "/": "search",
  s: "star",
  u: "back",
};

/** Whether a key press belongs to something being typed in, or to an open dialog. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest("dialog[open]")) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/**
 * Mail's keyboard shortcuts (j/k next and previous, r reply, a reply all, f
 * forward, e archive, # delete, c compose, / search, s star, u back to the
 * list). They never fire while typing in a field, an editor or a dialog.
 */
export function useMailShortcuts(handler: (shortcut: MailShortcut) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || document.querySelector("dialog[open]")) return;
      const shortcut = KEYS[event.key];
      if (!shortcut) return;
      event.preventDefault();
      latest.current(shortcut);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
