"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Card } from "@awan/ui/card";
import { EmptyState } from "@awan/ui/empty-state";
import { useInfiniteQuery } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/lib/trpc";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Who did what in the organization, newest first, older pages on request. */
export function ActivityLog() {
  const trpc = useTRPC();
  const pages = useInfiniteQuery(
    trpc.activity.list.infiniteQueryOptions(
      {},
      {
        getNextPageParam: (page) => {
          const last = page.entries.at(-1);
          return page.hasMore && last ? { createdAt: last.createdAt, id: last.id } : undefined;
        },
      },
    ),
  );
  const entries = pages.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <Card title="Activity" description="Everything people did with files in this organization.">
      {pages.isPending ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
      ) : pages.error ? (
        <Alert>{errorMessage(pages.error)}</Alert>
      ) : entries.length === 0 ? (
        <EmptyState title="Nothing yet">Uploads, renames, moves and deletions will show here.</EmptyState>
      ) : (
        <>
          <ol className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" aria-label="Activity">
            {entries.map((entry) => (
              <li key={entry.id} className="flex flex-wrap items-baseline gap-x-3 py-2">
                <span className="font-medium">{entry.actor}</span>
                <span className="min-w-0 flex-1 break-words">{entry.summary}</span>
                <time dateTime={new Date(entry.createdAt).toISOString()} className="text-xs text-zinc-500 dark:text-zinc-400">
                  {when.format(new Date(entry.createdAt))}
                </time>
              </li>
            ))}
          </ol>
          {pages.hasNextPage ? (
            <div className="mt-4">
              <Button variant="secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
                {pages.isFetchingNextPage ? "Loading…" : "Show older"}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
