"use client";

import type { RouterOutputs } from "@awan/backend";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { Fragment, useEffect, useRef, useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { useLiveEvent } from "@/lib/live/live-provider";
import { MessageBox } from "./message-box";
import { TypingIndicator } from "./typing-indicator";
import { MessageItem } from "./message-item";
import { mergeIntoThread, threadInput, ThreadPanel } from "./thread-panel";

type Page = RouterOutputs["chat"]["messages"];
export type ChatMessage = Page["messages"][number];

/**
 * Puts a message into the loaded pages: replaces it where it is, or adds it
 * as the newest when the newest page is loaded (reading further back after a
 * jump, it comes with the newer pages instead).
 */
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
  if (!found && pages[0]!.newerCursor === null) {
    const [newest, ...older] = pages;
    pages.splice(0, pages.length, { ...newest!, messages: [...newest!.messages, message].sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq))) }, ...older);
  }
  return { ...data, pages };
}

export type OpenConversation = {
  id: string;
  /** "#design", or the other people's names for a direct conversation. */
  title: string;
  isDirect: boolean;
  /** Where the viewer had read up to when they opened it, and how many were unread then. */
  lastReadSeq: string;
  unread: number;
};

/**
 * A channel's history (older pages on demand, or the pages around the first
 * unread message after "Jump to first unread"), live changes, the message
 * box, and the open thread beside it.
 */
export function ChannelMessages({
  conversation,
  viewerId,
  threadId,
  focusMessageId,
  onOpenThread,
}: {
  conversation: OpenConversation;
  viewerId: string;
  threadId: string | null;
  /** Opens at this message, highlighted (a notification's link). */
  focusMessageId: string | null;
  onOpenThread: (messageId: string | null) => void;
}) {
  const { id: channelId, title } = conversation;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // After a jump, the first page is the one around the first unread message (or the
  // message a link points at); newer pages follow on scrolling down.
  const [around, setAround] = useState<string | null>(null);
  const input = { channelId, limit: 50, around, aroundMessageId: around === null ? focusMessageId : null };
  const queryKey = trpc.chat.messages.infiniteQueryKey(input);
  const history = useInfiniteQuery(
    trpc.chat.messages.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.olderCursor ?? undefined,
      getPreviousPageParam: (page) => page.newerCursor ?? undefined,
      // Live while shown; opened again, it reloads what came while another conversation was open.
      staleTime: Infinity,
      refetchOnMount: "always",
    }),
  );
  const people = useQuery(trpc.chat.members.queryOptions({ channelId })).data ?? [];
  const others = people.filter((p) => p.id !== viewerId);
  const merge = (message: ChatMessage) => {
    if (message.parentId !== null) {
      mergeIntoThread(queryClient, trpc.chat.thread.infiniteQueryKey(threadInput(message.parentId)), message);
      return;
    }
    queryClient.setQueryData(queryKey, (data) => mergeMessage(data, message));
    mergeIntoThread(queryClient, trpc.chat.thread.infiniteQueryKey(threadInput(message.id)), message);
  };

  // Live through the tab's one feed; on every (re)connection the provider reloads the chat queries, this page included.
  useLiveEvent((event) => {
    if (event.type === "message" && event.message.channelId === channelId) merge(event.message);
  });

  const messages = [...(history.data?.pages ?? [])].reverse().flatMap((p) => p.messages);
  const newest = messages.at(-1)?.seq;
  const markRead = useMutation(trpc.chat.markRead.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.chat.channels.queryKey() }) }));
  useEffect(() => {
    if (newest) markRead.mutate({ channelId, seq: newest });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per newest message
  }, [channelId, newest]);

  // The first message the viewer had not read when they opened the channel (not their own: writing reads).
  const [opened] = useState(() => ({ lastReadSeq: conversation.lastReadSeq, unread: conversation.unread }));
  const hadUnread = opened.unread > 0;
  const firstUnread = hadUnread ? messages.find((m) => BigInt(m.seq) > BigInt(opened.lastReadSeq) && !m.mine) : undefined;
  const [jumped, setJumped] = useState(false);
  const [pendingJump, setPendingJump] = useState(false);
  const scrollToFirstUnread = () => document.getElementById(`new-messages-${channelId}`)?.scrollIntoView({ block: "start" });
  const jumpToFirstUnread = () => {
    setJumped(true);
    // Loaded already when the message before it is loaded too (or there is nothing older).
    const loaded = firstUnread && (messages[0] !== firstUnread || !history.hasNextPage);
    if (loaded) scrollToFirstUnread();
    else {
      atBottom.current = false;
      setAround(String(BigInt(opened.lastReadSeq) + 1n));
      setPendingJump(true);
    }
  };

  // Keep the newest message in view as messages arrive, unless the reader scrolled up (or came for another one).
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(focusMessageId === null);
  useEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [newest]);
  const focusLoaded = focusMessageId !== null && messages.some((m) => m.id === focusMessageId);
  useEffect(() => {
    if (focusLoaded) document.getElementById(`message-${focusMessageId}`)?.scrollIntoView({ block: "center" });
  }, [focusLoaded, focusMessageId]);
  // After the newest-in-view effect, which it overrides: the page around the first unread is in.
  useEffect(() => {
    if (pendingJump && firstUnread) {
      atBottom.current = false;
      scrollToFirstUnread();
      setPendingJump(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once the page around it is in
  }, [pendingJump, firstUnread?.id]);

  return (
    <div className="flex min-w-0 flex-1 flex-col gap-2 lg:flex-row">
      <section aria-label={title} className="flex min-w-0 flex-1 flex-col rounded border border-zinc-200 dark:border-zinc-800">
        <div className="flex items-center justify-between gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
          <h2 className="truncate font-medium">{title}</h2>
          {hadUnread && !jumped ? (
            <button type="button" onClick={jumpToFirstUnread} className="shrink-0 rounded bg-brand-600 px-2 py-0.5 text-xs text-white">
              Jump to first unread
            </button>
          ) : null}
        </div>
        <div
          ref={scroller}
          onScroll={(e) => {
            const el = e.currentTarget;
            atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40 && !history.hasPreviousPage;
            if (el.scrollTop === 0 && history.hasNextPage && !history.isFetchingNextPage) void history.fetchNextPage();
            if (el.scrollHeight - el.scrollTop - el.clientHeight < 40 && history.hasPreviousPage && !history.isFetchingPreviousPage) void history.fetchPreviousPage();
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
              <Fragment key={m.id}>
                {m === firstUnread ? (
                  <li id={`new-messages-${channelId}`} role="separator" aria-label="New messages" className="my-2 flex items-center gap-2 text-xs font-medium text-red-600">
                    <span className="h-px flex-1 bg-red-300" />
                    New messages
                    <span className="h-px flex-1 bg-red-300" />
                  </li>
                ) : null}
                <MessageItem message={m} onChanged={merge} viewerId={viewerId} people={people} onOpenThread={onOpenThread} focused={m.id === focusMessageId} />
              </Fragment>
            ))}
          </ol>
          {history.hasPreviousPage ? (
            <div className="mt-2 flex gap-3 text-sm">
              <button type="button" className="text-brand-600 underline" disabled={history.isFetchingPreviousPage} onClick={() => void history.fetchPreviousPage()}>
                {history.isFetchingPreviousPage ? "Loading…" : "Load newer messages"}
              </button>
              <button type="button" className="text-brand-600 underline" onClick={() => setAround(null)}>
                Jump to newest
              </button>
            </div>
          ) : null}
        </div>
        <TypingIndicator channelId={channelId} />
        <MessageBox channelId={channelId} placeholder={`Message ${title}`} people={others} canMentionChannel={!conversation.isDirect} onPosted={merge} />
      </section>
      {threadId ? <ThreadPanel key={threadId} channelId={channelId} parentId={threadId} people={others} viewerId={viewerId} onClose={() => onOpenThread(null)} /> : null}
    </div>
  );
}
