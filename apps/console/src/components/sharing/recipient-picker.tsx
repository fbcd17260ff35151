"use client";

import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useId, useState } from "react";
import { useTRPC } from "@/lib/trpc";

export type PickedRecipient = { type: "user" | "group"; id: string; name: string; detail: string };

/**
 * A combobox over the organization's people and groups: type part of a name
 * or address, pick with the arrows and Enter (or a click); picks show as
 * chips that Backspace or their × removes.
 */
export function RecipientPicker({ picked, onChange, exclude }: { picked: PickedRecipient[]; onChange(picked: PickedRecipient[]): void; exclude: ReadonlySet<string> }) {
  const trpc = useTRPC();
  const id = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const deferred = useDeferredValue(query.trim());
  const found = useQuery({ ...trpc.sharing.candidates.queryOptions({ query: deferred }), enabled: open });
  const pickedIds = new Set(picked.map((p) => p.id));
  const options: PickedRecipient[] = [
    ...(found.data?.people ?? []).map((p) => ({ type: "user" as const, id: p.id, name: p.name, detail: p.email })),
    ...(found.data?.groups ?? []).map((g) => ({ type: "group" as const, id: g.id, name: g.name, detail: `Group · ${g.memberCount} ${g.memberCount === 1 ? "person" : "people"}` })),
  ].filter((o) => !pickedIds.has(o.id) && !exclude.has(o.id));
  const current = Math.min(active, Math.max(0, options.length - 1));

  const pick = (option: PickedRecipient) => {
    onChange([...picked, option]);
    setQuery("");
    setActive(0);
    setOpen(false); // out of the way of the role and Share; typing or ↓ opens it again
  };

  return (
    <div className="relative">
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">Add people or groups</label>
      <div className="flex flex-wrap items-center gap-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 focus-within:border-brand-500 dark:border-zinc-700 dark:bg-zinc-900">
        {picked.map((p) => (
          <span key={p.id} className="flex items-center gap-1 rounded bg-brand-50 px-2 py-0.5 text-sm dark:bg-zinc-800">
            {p.name}
            <button type="button" aria-label={`Remove ${p.name}`} onClick={() => onChange(picked.filter((x) => x.id !== p.id))} className="rounded px-1 text-zinc-500 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:text-white">×</button>
          </span>
        ))}
        <input
          id={id}
          role="combobox"
          aria-expanded={open && options.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open && options[current] ? `${id}-${options[current].id}` : undefined}
          value={query}
          placeholder={picked.length === 0 ? "Name, email or group" : ""}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" && !open) setOpen(true);
            else if (e.key === "ArrowDown") setActive(Math.min(current + 1, options.length - 1));
            else if (e.key === "ArrowUp") setActive(Math.max(current - 1, 0));
            else if (e.key === "Enter" && open && options[current]) pick(options[current]);
            else if (e.key === "Backspace" && query === "" && picked.length > 0) onChange(picked.slice(0, -1));
            else if (e.key === "Escape" && open) setOpen(false);
            else return;
            e.preventDefault();
            if (e.key === "Escape") e.stopPropagation(); // close the list, not the dialog
          }}
          className="min-w-32 flex-1 bg-transparent py-0.5 text-sm outline-none"
        />
      </div>
      {open && options.length > 0 ? (
        <ul id={`${id}-list`} role="listbox" aria-label="Suggestions" className="absolute inset-x-0 z-10 mt-1 max-h-64 overflow-y-auto rounded-md border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
          {options.map((o, index) => (
            <li
              key={o.id}
              id={`${id}-${o.id}`}
              role="option"
              aria-selected={index === current}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseEnter={() => setActive(index)}
              className="cursor-pointer px-3 py-1.5 aria-selected:bg-brand-50 dark:aria-selected:bg-zinc-800"
            >
              <span className="block font-medium">{o.name}</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">{o.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
