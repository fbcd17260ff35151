"use client";

import { useEffect, useState } from "react";
import type { Direction, SortKey } from "./use-folder-listing";

export type BrowsePreferences = { view: "list" | "grid"; sort: SortKey; direction: Direction };

const KEY = "awan.files.browse";
const DEFAULTS: BrowsePreferences = { view: "list", sort: "name", direction: "asc" };

/** View and order, remembered in this browser across folders and visits. */
export function useBrowsePreferences() {
  const [preferences, setPreferences] = useState<BrowsePreferences>(DEFAULTS);
  useEffect(() => {
    // Read after hydration: the server render cannot know them.
    try {
      const stored = JSON.parse(localStorage.getItem(KEY) ?? "null") as Partial<BrowsePreferences> | null;
      if (stored) setPreferences({ ...DEFAULTS, ...stored });
    } catch {
      localStorage.removeItem(KEY); // unreadable: start from the defaults
    }
  }, []);
  const update = (change: Partial<BrowsePreferences>) =>
    setPreferences((current) => {
      const next = { ...current, ...change };
      localStorage.setItem(KEY, JSON.stringify(next));
      return next;
    });
  return [preferences, update] as const;
}
