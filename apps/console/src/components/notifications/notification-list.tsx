"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { kindLabel } from "./notification-kinds";
import { formatAgo, formatExactly } from "./notification-time";
import { useRefreshNotifications } from "./use-notifications";

type Notification = RouterOutputs["notifications"]["list"]["notifications"][number];

/**
 * The person's notifications, newest first, older ones on request. Opening
 * one marks it read; `onOpen` lets the panel close as the page changes.
 */
export function NotificationList({ unread, onOpen }: { unread: number; onOpen: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshNotifications();
  const pages = useInfiniteQuery(trpc.notifications.list.infiniteQueryOptions({}, { getNextPageParam: (page) => page.nextCursor ?? undefined, staleTime: 0 }));
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSettled: refresh }));
  const markAllRead = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSettled: refresh }));
  const notifications = pages.data?.pages.flatMap((page) => page.notifications) ?? [];
  const failure = pages.error ?? markRead.error ?? markAllRead.error;

  function open(notification: Notification) {
    if (!notification.readAt) markRead.mutate({ ids: [notification.id] });
    onOpen();
  }

  return (
    <div className="space-y-3">
      {failure ? <Alert>{errorMessage(failure)}</Alert> : null}
      {pages.isPending ? (
        <p className="px-1 py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
      ) : notifications.length === 0 && !pages.error ? (
        <div className="px-1 py-8 text-center">
          <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">You’re all caught up</p>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">Mentions, direct messages, shares and invitations show here.</p>
        </div>
      ) : (
        <>
          {unread > 0 ? (
            <div className="flex justify-end">
              <Button variant="ghost" className="px-2 py-1" busy={markAllRead.isPending} onClick={() => markAllRead.mutate()}>
                Mark all as read
              </Button>
            </div>
          ) : null}
          <ul aria-label="Notifications" className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {notifications.map((n) => (
              <li key={n.id}>
                <Link
                  href={n.link}
                  onClick={() => open(n)}
                  className="flex gap-3 rounded-md px-2 py-2.5 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:bg-zinc-800/60"
                >
                  <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${n.readAt ? "bg-transparent" : "bg-brand-600 dark:bg-brand-400"}`} />
                  <span className="min-w-0 flex-1">
                    <span className={`block break-words text-sm ${n.readAt ? "text-zinc-700 dark:text-zinc-300" : "font-semibold text-zinc-900 dark:text-zinc-100"}`}>
                      {n.readAt ? null : <span className="sr-only">Unread: </span>}
                      {n.title}
                    </span>
                    <span className="mt-0.5 block text-xs text-zinc-500 dark:text-zinc-400">
                      {kindLabel(n.kind)}
                      {n.actor ? ` · ${n.actor.name}` : ""} ·{" "}
                      <time dateTime={n.createdAt.toISOString()} title={formatExactly(n.createdAt)}>
                        {formatAgo(n.createdAt)}
                      </time>
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {pages.hasNextPage ? (
            <div className="flex justify-center">
              <Button variant="secondary" busy={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                Load more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
