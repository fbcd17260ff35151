"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { EmptyState } from "@awan/ui/empty-state";
import { TextField } from "@awan/ui/field";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";

type SearchResult = RouterOutputs["chatSearch"]["messages"]["results"][number];

function conversationName(channel: SearchResult["channel"]): string {
  if (channel.kind === "DIRECT") return channel.name;
  return `${channel.isPrivate ? "🔒 " : "#"}${channel.name}`;
}

function when(date: Date): string {
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
    : date.toLocaleDateString([], { day: "numeric", month: "short", year: date.getFullYear() === new Date().getFullYear() ? undefined : "numeric" });
}

/**
 * Searches the messages one can read (every word must match; the beginning
 * of a word is enough) and lists them newest first; choosing one calls
 * `onOpen` with its channel, the message and, for a reply, its thread.
 */
export function MessageSearch({ onOpen }: { onOpen(channelId: string, messageId: string, threadId: string | null): void }) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const search = useInfiniteQuery(
    trpc.chatSearch.messages.infiniteQueryOptions(
      { query },
      { enabled: query !== "", getNextPageParam: (page) => page.nextCursor ?? undefined, staleTime: 0 },
    ),
  );
  const results = search.data?.pages.flatMap((page) => page.results) ?? [];
  const indexing = search.data?.pages.some((page) => page.indexing) ?? false;

  return (
    <section aria-label="Message search" className="space-y-3">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const wanted = text.trim();
          if (wanted === query) void search.refetch();
          else setQuery(wanted);
        }}
      >
        <TextField type="search" label="Search messages" placeholder="Words to find" value={text} onChange={(e) => setText(e.target.value)} />
      </form>
      {search.error ? <Alert>{errorMessage(search.error)}</Alert> : null}
      {query !== "" && search.isPending && !search.error ? <p className="text-sm text-zinc-500" role="status">Searching…</p> : null}
      {indexing ? (
        <Alert tone="info">Earlier messages are still being added to search, so some may be missing. Search again in a moment.</Alert>
      ) : null}
      {search.data && results.length === 0 ? (
        <EmptyState title="No messages match">Nothing you can read contains every word of “{query}”.</EmptyState>
      ) : null}
      {results.length > 0 ? (
        <ul aria-label="Search results" className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {results.map((result) => (
            <li key={result.id}>
              <button
                type="button"
                onClick={() => onOpen(result.channel.id, result.id, result.parentId)}
                className="block w-full rounded px-2 py-2 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:bg-zinc-900"
              >
                <span className="flex flex-wrap items-baseline gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
                  <span className="font-medium text-zinc-700 dark:text-zinc-300">{conversationName(result.channel)}</span>
                  <span>{result.author?.name ?? "Former member"}</span>
                  <time dateTime={result.createdAt.toISOString()}>{when(result.createdAt)}</time>
                  {result.parentId ? <span>in a thread</span> : null}
                </span>
                <span className="mt-0.5 block text-sm break-words text-zinc-900 dark:text-zinc-100">
                  {result.snippet.map((part, i) =>
                    part.match ? (
                      <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-700/60">
                        {part.text}
                      </mark>
                    ) : (
                      <span key={i}>{part.text}</span>
                    ),
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {search.hasNextPage ? (
        <Button variant="secondary" busy={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
          Load more
        </Button>
      ) : null}
    </section>
  );
}
