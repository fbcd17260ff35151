"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { Alert } from "@awan/ui/alert";
import { EmptyState } from "@awan/ui/empty-state";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { FileIcon } from "./file-icon";
import type { FileItem, FoundItem } from "./file-kinds";
import { folderHref } from "./folder-href";
import { ItemName } from "./item-name";
import { formatModified } from "./item-views";

// Wait for a pause in typing before asking the server.
const TYPING_PAUSE_MS = 250;

/** Items anywhere in your files whose name contains the query, each with the folder it is in. */
export function SearchResults({ query, onOpen }: { query: string; onOpen(item: FileItem): void }) {
  const trpc = useTRPC();
  const [settled, setSettled] = useState(query.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const results = useQuery({ ...trpc.files.search.queryOptions({ query: settled }), enabled: settled.length > 0 });
  if (settled.length === 0 || results.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Searching…</p>;
  if (results.error) return <Alert>{errorMessage(results.error)}</Alert>;
  if (results.data.length === 0) {
    return <EmptyState title="Nothing found">No file or folder in your files has “{settled}” in its name. Items in the trash are not searched.</EmptyState>;
  }
  return (
    <section aria-label="Search results">
      <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {results.data.length === 200 ? "The first 200 matches" : `${results.data.length} ${results.data.length === 1 ? "match" : "matches"}`} for “{settled}”
      </p>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {results.data.map((item) => (
          <SearchResult key={item.id} item={item} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}

function SearchResult({ item, onOpen }: { item: FoundItem; onOpen(item: FileItem): void }) {
  const parent = item.folderPath[item.folderPath.length - 1] ?? null;
  return (
    <li className="flex items-center gap-3 py-2 text-sm">
      <FileIcon item={item} />
      <div className="min-w-0 flex-1">
        <ItemName item={item} onOpen={onOpen} tabbable className="block max-w-full" />
        <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
          In{" "}
          <Link href={folderHref(parent?.id ?? null)} className="text-brand-600 hover:underline dark:text-brand-400">
            {["My files", ...item.folderPath.map((p) => p.name)].join(" › ")}
          </Link>{" "}
          · {item.kind === "FOLDER" ? "Folder" : formatBytes(item.size)} · {formatModified(item.modifiedAt)}
        </p>
      </div>
    </li>
  );
}
