"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/lib/trpc";

/**
 * Addresses as removable chips, and a box that suggests colleagues' and
 * shared mailboxes' addresses as one types (arrow keys and Enter pick one;
 * comma, space or Enter add what was typed).
 */
export function RecipientField({ label, value, onChange, autoFocus }: { label: string; value: string[]; onChange: (next: string[]) => void; autoFocus?: boolean }) {
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const [highlight, setHighlight] = useState(0);
  const query = text.trim();
  const suggestions = useQuery({ ...trpc.mail.suggestRecipients.queryOptions({ query }), enabled: query.length > 0 });
  const options = (suggestions.data ?? []).filter((s) => !value.includes(s.address));
  const add = (address: string) => {
    const clean = address.trim().replace(/[,;]+$/, "");
    if (clean && !value.includes(clean.toLowerCase())) onChange([...value, clean.toLowerCase()]);
    setText("");
    setHighlight(0);
  };
  const listId = `${id}-suggestions`;
  return (
    <div className="flex items-start gap-2 border-b border-zinc-200 py-1 dark:border-zinc-800">
      <label htmlFor={id} className="w-10 shrink-0 pt-1 text-sm text-zinc-500">{label}</label>
      <div className="relative flex min-w-0 flex-1 flex-wrap items-center gap-1">
        {value.map((address) => (
          <span key={address} className="inline-flex items-center gap-1 rounded-full bg-zinc-100 px-2 py-0.5 text-sm dark:bg-zinc-800">
            {address}
            <button type="button" aria-label={`Remove ${address}`} onClick={() => onChange(value.filter((a) => a !== address))} className="text-zinc-500 hover:text-zinc-900">
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          autoFocus={autoFocus}
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          autoComplete="off"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setHighlight(0);
          }}
          onBlur={() => query && add(query)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" && options.length > 0) {
              e.preventDefault();
              setHighlight((h) => Math.min(h + 1, options.length - 1));
            } else if (e.key === "ArrowUp" && options.length > 0) {
              e.preventDefault();
              setHighlight((h) => Math.max(h - 1, 0));
            } else if (e.key === "Enter" || e.key === "," || e.key === ";" || e.key === " ") {
              if (!query) return;
              e.preventDefault();
              const picked = e.key === "Enter" ? options[highlight] : undefined;
              add(picked ? picked.address : query);
            } else if (e.key === "Backspace" && text === "" && value.length > 0) {
              onChange(value.slice(0, -1));
            }
          }}
          className="min-w-32 flex-1 bg-transparent py-1 text-sm outline-none"
        />
        {options.length > 0 ? (
          <ul id={listId} role="listbox" aria-label={`Suggestions for ${label}`} className="absolute left-0 top-full z-10 mt-1 w-80 rounded-md border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
            {options.map((s, index) => (
              <li
                key={s.address}
                role="option"
                aria-selected={index === highlight}
                onMouseDown={(e) => {
                  e.preventDefault(); // keep the focus in the box
                  add(s.address);
                }}
                className={`cursor-pointer px-3 py-1 text-sm ${index === highlight ? "bg-zinc-100 dark:bg-zinc-800" : ""}`}
              >
                <span className="font-medium">{s.name}</span> <span className="text-zinc-500">{s.address}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
