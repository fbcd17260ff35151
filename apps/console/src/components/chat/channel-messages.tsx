"use client";

import type { RouterOutputs } from "@awan/backend";
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useRef, useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { MessageBox } from "./message-box";
import { MessageItem } from "./message-item";

type Page = RouterOutputs["chat"]["messages"];
export type ChatMessage = Page["messages"][number];

/** Puts a message into the loaded pages: replaces it where it is, or adds it as the newest. */
function mergeMessage<P>(data: InfiniteData<Page, P> | undefined, message: ChatMessage): InfiniteData<Page, P> | undefined {
  if (!data || data.pages.length === 0) return data;
  let found = false;
  const pages = data.pages.map((page) => ({
    ...page,
    messages: page.messages.map((m) => {
      if (m.id !== message.id) return m;
      found = true;
      return message;
    }),
  }));
  if (!found) {
    const [newest, ...older] = pages;
    pages.splice(0, pages.length, { ...newest!, messages: [...newest!.messages, message].sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq))) }, ...older);
  }
  return { ...data, pages };
}

/** A channel's history (older pages on demand), live changes, and the message box. */
export function ChannelMessages({ channelId, channelName }: { channelId: string; channelName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { channelId, limit: 50 };
  const queryKey = trpc.chat.messages.infiniteQueryKey(input);
  const history = useInfiniteQuery(
    trpc.chat.messages.infiniteQueryOptions(input, { getNextPageParam: (page) => page.olderCursor ?? undefined, staleTime: Infinity }),
  );
  const merge = (message: ChatMessage) => queryClient.setQueryData(queryKey, (data) => mergeMessage(data, message));

  // Live from the newest message first loaded; on reconnection the link resumes from the last one received.
  const [liveFrom, setLiveFrom] = useState<string | null>(null);
  const newestLoaded = history.data?.pages[0]?.messages.at(-1)?.seq ?? (history.data ? "0" : null);
  useEffect(() => {
    if (liveFrom === null && newestLoaded !== null) setLiveFrom(newestLoaded);
  }, [liveFrom, newestLoaded]);
  const live = useSubscription(
    trpc.chat.onEvent.subscriptionOptions(
      { channelId, lastEventId: liveFrom },
      {
        enabled: liveFrom !== null,
        onData: ({ data }) => {
          if (data.type === "message") merge(data.message);
          else void queryClient.invalidateQueries({ queryKey });
        },
      },
    ),
  );

  const messages = [...(history.data?.pages ?? [])].reverse().flatMap((p) => p.messages);
  const newest = messages.at(-1)?.seq;
  const markRead = useMutation(trpc.chat.markRead.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.chat.channels.queryKey() }) }));
  useEffect(() => {
    if (newest) markRead.mutate({ channelId, seq: newest });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per newest message
  }, [channelId, newest]);

  // Keep the newest message in view as messages arrive, unless the reader scrolled up.
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [newest]);

  return (
    <section aria-label={`#${channelName}`} className="flex min-w-0 flex-1 flex-col rounded border border-zinc-200 dark:border-zinc-800">
      <h2 className="border-b border-zinc-200 px-3 py-2 font-medium dark:border-zinc-800">#{channelName}</h2>
      <div
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
          if (el.scrollTop === 0 && history.hasNextPage && !history.isFetchingNextPage) void history.fetchNextPage();
        }}
        className="max-h-[60dvh] flex-1 overflow-y-auto px-3 py-2"
      >
        {history.hasNextPage ? (
          <button type="button" className="mb-2 text-sm text-brand-600 underline" disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
            {history.isFetchingNextPage ? "Loading…" : "Load older messages"}
          </button>
        ) : null}
        {history.error ? <p role="alert" className="text-sm text-red-600">{errorMessage(history.error)}</p> : null}
        {history.data && messages.length === 0 ? <p className="text-sm text-zinc-600">No messages yet. Say hello!</p> : null}
        <ol aria-label="Messages" className="space-y-2">
          {messages.map((m) => (
            <MessageItem key={m.id} message={m} onChanged={merge} />
          ))}
        </ol>
      </div>
      {live.status === "error" ? (
        <p role="status" className="px-3 text-xs text-amber-700">
          Live updates stopped ({errorMessage(live.error)}). Reload to catch up.
        </p>
      ) : null}
      <MessageBox channelId={channelId} channelName={channelName} onPosted={merge} />
    </section>
  );
}
