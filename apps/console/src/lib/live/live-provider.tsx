"use client";

import type { RouterOutputs } from "@awan/backend";
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useTRPC } from "@/lib/trpc";
import { useActivityReports } from "./activity-reports";
import { TypingRegistry } from "./typing-registry";

export type LiveEvent = RouterOutputs["live"]["onEvent"] extends AsyncIterable<infer E> ? E : never;
type Listener = (event: LiveEvent) => void;
type Live = { listeners: Set<Listener>; typing: TypingRegistry; connected: boolean };

const LiveContext = createContext<Live | null>(null);

/**
 * The tab's one live connection to the server (a browser holds only a few per
 * server), shared by every part of the page that shows something live. On
 * every (re)connection the page reloads what it shows, so nothing sent while
 * it was away is missed.
 */
export function LiveProvider({ viewerId, children }: { viewerId: string; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [live] = useState<Live>(() => ({ listeners: new Set(), typing: new TypingRegistry(), connected: false }));
  const [connected, setConnected] = useState(false);
  const reportActivity = useActivityReports();

  const subscription = useSubscription(
    trpc.live.onEvent.subscriptionOptions(undefined, {
      onData: (event) => {
        switch (event.type) {
          case "ready":
          case "resync":
            setConnected(true);
            void queryClient.invalidateQueries({ queryKey: trpc.chat.pathKey() });
            void queryClient.invalidateQueries({ queryKey: trpc.presence.pathKey() });
            void queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
            void queryClient.invalidateQueries({ queryKey: trpc.mail.pathKey() });
            break;
          case "mail":
            // New mail in a mailbox of theirs: folder counts and the lists shown reload.
            void queryClient.invalidateQueries({ queryKey: trpc.mail.folders.queryKey() });
            void queryClient.invalidateQueries({ queryKey: trpc.mail.messages.pathKey() });
            void queryClient.invalidateQueries({ queryKey: trpc.mail.conversation.pathKey() });
            break;
          case "channels":
            void queryClient.invalidateQueries({ queryKey: trpc.chat.channels.queryKey() });
            break;
          case "notifications":
            void queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
            break;
          case "presence":
            queryClient.setQueryData(trpc.presence.list.queryKey(), (list) => [
              ...(list ?? []).filter((p) => p.userId !== event.presence.userId),
              event.presence,
            ]);
            // This tab is still here although another one of ours closed: say so.
            if (event.presence.userId === viewerId && event.presence.state === "offline") reportActivity();
            break;
          case "typing":
            live.typing.add(event.channelId, event.userId, event.name);
            break;
          case "message":
            live.typing.remove(event.message.channelId, event.message.author?.id);
            break;
        }
        for (const listener of live.listeners) listener(event);
      },
      onError: () => setConnected(false),
    }),
  );
  live.connected = connected && subscription.status !== "error";

  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error("useLive needs a LiveProvider above it.");
  return live;
}

/** Calls `listener` with every live event while the component is mounted. */
export function useLiveEvent(listener: Listener): void {
  const live = useLive();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const call: Listener = (event) => latest.current(event);
    live.listeners.add(call);
    return () => void live.listeners.delete(call);
  }, [live]);
}

export function useTypingRegistry(): TypingRegistry {
  return useLive().typing;
}
