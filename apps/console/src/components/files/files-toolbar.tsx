"use client";

import type { RefObject } from "react";
import type { BrowsePreferences } from "./use-browse-preferences";
import type { SortKey } from "./use-folder-listing";

const SORTS: Record<SortKey, string> = { name: "Name", size: "Size", modifiedAt: "Last modified" };
const CONTROL = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const TOGGLE = "px-2.5 py-1.5 text-sm aria-pressed:bg-zinc-200 aria-pressed:font-medium dark:aria-pressed:bg-zinc-700";

type FilesToolbarProps = {
  preferences: BrowsePreferences;
  onChange(change: Partial<BrowsePreferences>): void;
  query: string;
  onQuery(query: string): void;
  searchInput: RefObject<HTMLInputElement | null>;
  onHelp(): void;
};

/** Search, order and view for the listing. */
export function FilesToolbar({ preferences, onChange, query, onQuery, searchInput, onHelp }: FilesToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        ref={searchInput}
        type="search"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && onQuery("")}
        placeholder="Search your files"
        aria-label="Search your files"
        className={`${CONTROL} min-w-0 flex-1 basis-48`}
      />
      <label className="flex items-center gap-1.5 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">Sort by</span>
        <select aria-label="Sort by" value={preferences.sort} onChange={(e) => onChange({ sort: e.target.value as SortKey })} className={CONTROL}>
          {Object.entries(SORTS).map(([key, label]) => <option key={key} value={key}>{label}</option>)}
        </select>
      </label>
      <button
        type="button"
        onClick={() => onChange({ direction: preferences.direction === "asc" ? "desc" : "asc" })}
        aria-label={preferences.direction === "asc" ? "Ascending order; switch to descending" : "Descending order; switch to ascending"}
        className={`${CONTROL} hover:bg-zinc-50 dark:hover:bg-zinc-800`}
      >
        {preferences.direction === "asc" ? "↑" : "↓"}
      </button>
      <div role="group" aria-label="View" className="flex overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-700">
        <button type="button" aria-pressed={preferences.view === "list"} onClick={() => onChange({ view: "list" })} className={TOGGLE}>List</button>
        <button type="button" aria-pressed={preferences.view === "grid"} onClick={() => onChange({ view: "grid" })} className={TOGGLE}>Grid</button>
      </div>
      <button type="button" onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" className={`${CONTROL} hover:bg-zinc-50 dark:hover:bg-zinc-800`}>?</button>
    </div>
  );
}
