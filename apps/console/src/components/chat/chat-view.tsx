"use client";

import type { RouterOutputs } from "@awan/backend";
import { Button } from "@awan/ui/button";
import { EmptyState } from "@awan/ui/empty-state";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useRef, useState } from "react";
import { PageHeader } from "@/components/page-header";
import { useLiveEvent } from "@/lib/live/live-provider";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { AddPeopleDialog } from "./add-people-dialog";
import { channelSections, channelWorkspaces } from "./channel-sections";
import { ChannelMessages } from "./channel-messages";
import { MessageSearch } from "./message-search";
import { NewChannelDialog } from "./new-channel-dialog";
import { NewMessageDialog } from "./new-message-dialog";
import { PeoplePanel } from "./people-panel";

type Conversation = RouterOutputs["chat"]["channels"][number];

/** How a conversation is named: #name, or the other people in it (oneself alone: "Only you"). */
export function conversationTitle(c: Conversation): string {
  if (c.kind === "CHANNEL") return `#${c.name}`;
  return c.people.map((p) => p.name).join(", ") || "Only you";
}

function ConversationLink({ conversation: c, current, onOpen }: { conversation: Conversation; current: boolean; onOpen: () => void }) {
  return (
    <li>
      <button
        type="button"
        onClick={onOpen}
        aria-current={current ? "page" : undefined}
        className={`flex w-full items-center justify-between gap-1 rounded px-2 py-1 text-left text-sm ${current ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}
      >
        <span className="truncate">{c.kind === "DIRECT" ? conversationTitle(c) : `${c.isPrivate ? "🔒 " : "# "}${c.name}`}</span>
        {!current ? (
          <span className="flex shrink-0 gap-1">
            {c.mentions > 0 ? (
              <span className="rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white" aria-label={c.mentions === 1 ? "1 mention" : `${c.mentions} mentions`}>
                @{c.mentions}
              </span>
            ) : null}
            {c.unread > 0 ? (
              <span className="rounded-full bg-brand-600 px-1.5 text-xs text-white" aria-label={`${c.unread} unread`}>
                {c.unread}
              </span>
            ) : null}
          </span>
        ) : null}
      </button>
    </li>
  );
}

/**
 * The Chat section: channels and direct conversations one is in (with unread
 * and mention badges), starting either, and the open one. The open
 * conversation and thread live in the address (?channel=…&thread=…), which
 * is how notification links open them.
 */
export function ChatView({ viewerId, canCreateChannels }: { viewerId: string; canCreateChannels: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const channels = useQuery(trpc.chat.channels.queryOptions());
  const workspaces = useQuery(trpc.workspaces.list.queryOptions());
  // Unread and mention counts follow the live feed: a message elsewhere re-reads them, at most every 2 s.
  const recount = useRef<ReturnType<typeof setTimeout> | null>(null);
  useLiveEvent((event) => {
    if (event.type !== "message" || event.message.channelId === chosenRef.current || recount.current) return;
    recount.current = setTimeout(() => {
      recount.current = null;
      void queryClient.invalidateQueries({ queryKey: trpc.chat.channels.queryKey() });
    }, 2_000);
  });
  const [dialog, setDialog] = useState<"new" | "add" | "message" | null>(null);
  const list = channels.data ?? [];
  const chosen = params.get("channel");
  const open = list.find((c) => c.id === chosen) ?? list[0];
  const chosenRef = useRef<string | undefined>(undefined);
  chosenRef.current = open?.id;
  const threadId = open && open.id === chosen ? params.get("thread") : null;
  const focusMessageId = open && open.id === chosen ? params.get("message") : null;
  const show = (channelId: string, thread?: string | null) => {
    // Opening a thread keeps the message one came for; another channel starts afresh.
    const message = channelId === open?.id && focusMessageId ? `&message=${focusMessageId}` : "";
    router.push(`${pathname}?channel=${channelId}${thread !== undefined ? message : ""}${thread ? `&thread=${thread}` : ""}`, { scroll: false });
  };
  const sections = channelSections(
    list.filter((c) => c.kind === "CHANNEL"),
    workspaces.data ?? [],
  );
  const direct = list.filter((c) => c.kind === "DIRECT");

  return (
    <>
      <PageHeader title="Chat" />
      {channels.error ? <p role="alert" className="text-sm text-red-600">{errorMessage(channels.error)}</p> : null}
      <div className="flex min-h-[60dvh] gap-4">
        <div className="w-52 shrink-0 space-y-4">
          <nav aria-label="Channels" className="space-y-3">
            {sections.map((section) => (
              <section key={section.id} aria-labelledby={`workspace-${section.id}`} className="space-y-1">
                <h2 id={`workspace-${section.id}`} className="truncate px-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">
                  {section.name}
                </h2>
                {section.channels.length > 0 ? (
                  <ul aria-label={`Channels of ${section.name}`} className="space-y-1">
                    {section.channels.map((c) => (
                      <ConversationLink key={c.id} conversation={c} current={c.id === open?.id} onOpen={() => show(c.id)} />
                    ))}
                  </ul>
                ) : (
                  <p className="px-2 text-xs text-zinc-500 dark:text-zinc-400">No channels yet.</p>
                )}
              </section>
            ))}
            {canCreateChannels ? (
              <Button variant="ghost" className="w-full justify-start" onClick={() => setDialog("new")}>
                <span aria-hidden>+</span> New channel
              </Button>
            ) : null}
          </nav>
          <nav aria-labelledby="direct-messages-heading" className="space-y-2">
            <h2 id="direct-messages-heading" className="px-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">
              Direct messages
            </h2>
            {direct.length > 0 ? (
              <ul className="space-y-1">
                {direct.map((c) => (
                  <ConversationLink key={c.id} conversation={c} current={c.id === open?.id} onOpen={() => show(c.id)} />
                ))}
              </ul>
            ) : null}
            <Button variant="ghost" className="w-full justify-start" onClick={() => setDialog("message")}>
              <span aria-hidden>+</span> New message
            </Button>
          </nav>
        </div>
        {open ? (
          <div className="flex min-w-0 flex-1 flex-col gap-2">
            <MessageSearch
              onOpen={(channelId, messageId, thread) =>
                router.push(`${pathname}?channel=${channelId}&message=${messageId}${thread ? `&thread=${thread}` : ""}`, { scroll: false })
              }
            />
            {open.kind === "CHANNEL" && open.canManage && !open.isGeneral ? (
              <div className="flex justify-end">
                <Button variant="secondary" onClick={() => setDialog("add")}>Add people</Button>
              </div>
            ) : null}
            <ChannelMessages
              key={`${open.id}/${focusMessageId ?? ""}`}
              conversation={{ id: open.id, title: conversationTitle(open), isDirect: open.kind === "DIRECT", lastReadSeq: open.lastReadSeq, unread: open.unread }}
              viewerId={viewerId}
              threadId={threadId}
              focusMessageId={focusMessageId}
              onOpenThread={(messageId) => show(open.id, messageId)}
            />
          </div>
        ) : channels.data ? (
          <div className="flex-1">
            <EmptyState title="No channels yet">
              {canCreateChannels ? "Create a channel to start a conversation." : "You are not in any channel yet. Ask someone to invite you to one."}
            </EmptyState>
          </div>
        ) : null}
        <PeoplePanel viewerId={viewerId} canListPeople={canCreateChannels} />
      </div>
      {dialog === "new" ? (
        <NewChannelDialog
          workspaces={channelWorkspaces(workspaces.data ?? [])}
          initialWorkspaceId={open?.kind === "CHANNEL" ? open.workspace.id : undefined}
          onCreated={(id) => show(id)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === "message" ? <NewMessageDialog onOpened={(id) => show(id)} onClose={() => setDialog(null)} /> : null}
      {dialog === "add" && open ? <AddPeopleDialog channelId={open.id} channelName={open.name} viewerId={viewerId} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
