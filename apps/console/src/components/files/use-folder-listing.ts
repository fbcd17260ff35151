"use client";

import { keepPreviousData, useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc";
import type { FileItem } from "./file-kinds";

export type SortKey = "name" | "size" | "modifiedAt";
export type Direction = "asc" | "desc";

/** A folder's items, page after page as "Load more" asks (the server sends 500 at a time). */
export function useFolderListing(folderId: string | null, sort: SortKey, direction: Direction) {
  const trpc = useTRPC();
  const listingKey = `${folderId}:${sort}:${direction}`;
  const [pages, setPages] = useState({ listingKey, offsets: [0] });
  // Another folder or order starts again at the first page.
  const offsets = pages.listingKey === listingKey ? pages.offsets : [0];
  const results = useQueries({
    queries: offsets.map((offset) => ({ ...trpc.files.list.queryOptions({ folderId, sort, direction, offset }), placeholderData: keepPreviousData })),
  });
  const first = results[0]!;
  const last = results[results.length - 1]!;
  const items: FileItem[] = results.flatMap((r) => r.data?.items ?? []);
  const nextOffset = last.data?.nextOffset ?? null;
  return {
    items,
    path: first.data?.path ?? [],
    inWorkspace: first.data?.inWorkspace ?? false,
    /** What the person may do here; null until the first page is in. */
    access: first.data?.access ?? null,
    isPending: first.isPending,
    error: first.error,
    loadingMore: results.length > 1 && last.isFetching,
    loadMore: nextOffset === null ? null : () => setPages({ listingKey, offsets: [...offsets, nextOffset] }),
  };
}
