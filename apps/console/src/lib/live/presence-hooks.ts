"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useReducer, useRef } from "react";
import { useTRPC } from "@/lib/trpc";
import { useTypingRegistry } from "./live-provider";
import { TYPING_SHOWN_MS } from "./typing-registry";

export type PresenceState = "online" | "away" | "offline";
export type PersonPresence = { userId: string; state: PresenceState; statusEmoji: string; statusText: string };

/** Everyone's presence in the organization, kept current by the live feed. */
export function usePresence(): Map<string, PersonPresence> {
  const trpc = useTRPC();
  const list = useQuery(trpc.presence.list.queryOptions(undefined, { staleTime: Infinity }));
  return new Map((list.data ?? []).map((p) => [p.userId, p]));
}

/** The names of people typing in a channel now. */
export function useTypists(channelId: string): string[] {
  const typing = useTypingRegistry();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => typing.watch(rerender), [typing]);
  return typing.names(channelId);
}

/** A function to call on every keystroke in a channel's message box: tells the others, a few times a while. */
export function useTypingSignal(channelId: string): () => void {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.presence.typing.mutationOptions());
  const lastSent = useRef(0);
  return () => {
    if (Date.now() - lastSent.current < TYPING_SHOWN_MS / 2) return;
    lastSent.current = Date.now();
    mutate({ channelId });
  };
}
