"use client";

import { Alert } from "@awan/ui/alert";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { errorMessage } from "@/lib/trpc";

/** A query's three states in one place: Loading…, its error in words, or its data (or `empty` when there is nothing). */
export function QueryView<T>({ query, empty, children }: { query: UseQueryResult<T, unknown>; empty?: (data: T) => string | null; children(data: T): ReactNode }) {
  if (query.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;
  const nothing = empty?.(query.data) ?? null;
  return nothing ? <p className="text-sm text-zinc-500 dark:text-zinc-400">{nothing}</p> : <>{children(query.data)}</>;
}
