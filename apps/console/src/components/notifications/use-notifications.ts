"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "@/lib/trpc";

/** Until the live feed tells the bell, it asks this often (and whenever the window regains focus). */
const COUNT_REFRESH_MS = 30_000;

export function useUnreadNotificationCount() {
  const trpc = useTRPC();
  return useQuery(trpc.notifications.unreadCount.queryOptions(undefined, { refetchInterval: COUNT_REFRESH_MS, refetchOnWindowFocus: true }));
}

/**
 * Reloads the bell's count and any notifications on screen: all that a live
 * "notifications changed" event (or a read in this tab) needs to do.
 */
export function useRefreshNotifications(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.notifications.unreadCount.queryFilter()),
      queryClient.invalidateQueries(trpc.notifications.list.pathFilter()),
    ]);
  }, [queryClient, trpc]);
}
