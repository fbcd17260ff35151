"use client";

import type { RouterOutputs } from "@awan/backend";
import { useInfiniteQuery, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import type { ChatMessage } from "./channel-messages";
import type { Person } from "./mention-text";
import { MessageBox } from "./message-box";
import { MessageItem } from "./message-item";

type ThreadPage = RouterOutputs["chat"]["thread"];
export const threadInput = (messageId: string) => ({ messageId, limit: 50 });

/**
 * Puts a message into a loaded thread: the parent itself (its reply count
 * changed), or a reply, replaced where it is or added as the newest once the
 * newest page is loaded (otherwise "Show newer replies" fetches it).
 */
export function mergeIntoThread(queryClient: QueryClient, queryKey: readonly unknown[], message: ChatMessage) {
  queryClient.setQueryData<InfiniteData<ThreadPage, unknown>>(queryKey, (data) => {
    if (!data || data.pages.length === 0) return data;
    if (message.parentId === null) return { ...data, pages: data.pages.map((p) => ({ ...p, parent: message })) };
    let found = false;
    const pages = data.pages.map((p) => ({
      ...p,
      replies: p.replies.map((r) => {
        if (r.id !== message.id) return r;
        found = true;
        return message;
      }),
    }));
    const last = pages.at(-1)!;
    if (!found && last.newerCursor === null) {
      pages[pages.length - 1] = { ...last, replies: [...last.replies, message].sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq))) };
    }
    return { ...data, pages };
  });
}

/** A thread beside its channel: the first message, its replies oldest first, and a box labelled Reply. */
export function ThreadPanel({
  channelId,
  parentId,
  people,
  viewerId,
  onClose,
}: {
  channelId: string;
  parentId: string;
  people: readonly Person[];
  viewerId: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = threadInput(parentId);
  const queryKey = trpc.chat.thread.infiniteQueryKey(input);
  const thread = useInfiniteQuery(trpc.chat.thread.infiniteQueryOptions(input, { getNextPageParam: (page) => page.newerCursor ?? undefined, staleTime: Infinity, refetchOnMount: "always" }));
  const merge = (message: ChatMessage) => mergeIntoThread(queryClient, queryKey, message);
  const parent = thread.data?.pages[0]?.parent;
  const replies = thread.data?.pages.flatMap((p) => p.replies) ?? [];
  const newest = replies.at(-1)?.id;

  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [newest]);

  return (
    <aside aria-label="Thread" className="flex w-full shrink-0 flex-col lg:w-80 rounded border border-zinc-200 dark:border-zinc-800">
      <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h2 className="font-medium">Thread</h2>
        <button type="button" onClick={onClose} className="text-sm underline" aria-label="Close thread">
          Close
        </button>
      </div>
      <div ref={scroller} className="max-h-[60dvh] flex-1 overflow-y-auto px-3 py-2">
        {thread.error ? <p role="alert" className="text-sm text-red-600">{errorMessage(thread.error)}</p> : null}
        {thread.isPending ? <p className="text-sm text-zinc-500">Loading thread…</p> : null}
        {parent ? (
          <ol aria-label="Thread start" className="border-b border-zinc-200 pb-2 dark:border-zinc-800">
            <MessageItem message={parent} onChanged={merge} viewerId={viewerId} people={people} />
          </ol>
        ) : null}
        {parent ? (
          <p className="my-2 text-xs text-zinc-500">
            {parent.replyCount === 0 ? "No replies yet." : parent.replyCount === 1 ? "1 reply" : `${parent.replyCount} replies`}
          </p>
        ) : null}
        <ol aria-label="Replies" className="space-y-2">
          {replies.map((m) => (
            <MessageItem key={m.id} message={m} onChanged={merge} viewerId={viewerId} people={people} />
          ))}
        </ol>
        {thread.hasNextPage ? (
          <button type="button" className="mt-2 text-sm text-brand-600 underline" disabled={thread.isFetchingNextPage} onClick={() => void thread.fetchNextPage()}>
            {thread.isFetchingNextPage ? "Loading…" : "Show newer replies"}
          </button>
        ) : null}
      </div>
      {parent && parent.deletedAt === null ? (
        <MessageBox channelId={channelId} parentId={parentId} label="Reply" placeholder="Reply…" people={people} onPosted={merge} />
      ) : null}
    </aside>
  );
}
