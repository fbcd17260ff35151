"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { Alert } from "@awan/ui/alert";
import { EmptyState } from "@awan/ui/empty-state";
import { Button } from "@awan/ui/button";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { FileIcon } from "./file-icon";
import type { FileItem, FoundItem } from "./file-kinds";
import { folderHref } from "./folder-href";
import { ItemName } from "./item-name";
import { formatModified } from "./item-views";
import { useFocusAppended } from "./use-focus-appended";

// Wait for a pause in typing before asking the server.
const TYPING_PAUSE_MS = 250;

/** Items anywhere in your files whose name contains the query, each with the folder it is in, 50 at a time and more on request. */
export function SearchResults({ query, onOpen }: { query: string; onOpen(item: FileItem): void }) {
  const trpc = useTRPC();
  const [settled, setSettled] = useState(query.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const results = useInfiniteQuery({
    ...trpc.files.search.infiniteQueryOptions({ query: settled }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    enabled: settled.length > 0,
  });
  const items = results.data?.pages.flatMap((page) => page.items) ?? [];
  const listRef = useRef<HTMLUListElement>(null);
  const focusAppended = useFocusAppended(listRef, items.length);
  if (settled.length === 0 || results.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Searching…</p>;
  if (!results.data) return <Alert>{errorMessage(results.error)}</Alert>;
  if (items.length === 0 && !results.hasNextPage) {
    return <EmptyState title="Nothing found">No file or folder in your files has “{settled}” in its name. Items in the trash are not searched.</EmptyState>;
  }
  return (
    <section aria-label="Search results">
      <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {results.hasNextPage ? `The first ${items.length} matches` : `${items.length} ${items.length === 1 ? "match" : "matches"}`} for “{settled}”
      </p>
      <ul ref={listRef} className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {items.map((item) => (
          <SearchResult key={item.id} item={item} onOpen={onOpen} />
        ))}
      </ul>
      {results.hasNextPage ? (
        <div className="mt-2 flex flex-col items-center gap-1">
          {results.isFetchNextPageError ? <Alert>{errorMessage(results.error)}</Alert> : null}
          <p className="text-sm text-zinc-500 dark:text-zinc-400">More items match than are shown.</p>
          <Button
            variant="secondary"
            busy={results.isFetchingNextPage}
            onClick={() => {
              focusAppended();
              void results.fetchNextPage();
            }}
          >
            Load more
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function SearchResult({ item, onOpen }: { item: FoundItem; onOpen(item: FileItem): void }) {
  const parent = item.folderPath[item.folderPath.length - 1] ?? null;
  return (
    <li tabIndex={-1} className="flex items-center gap-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-brand-500">
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
