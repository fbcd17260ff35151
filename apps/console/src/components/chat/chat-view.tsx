"use client";

import { Button } from "@awan/ui/button";
import { EmptyState } from "@awan/ui/empty-state";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { PageHeader } from "@/components/page-header";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { AddPeopleDialog } from "./add-people-dialog";
import { ChannelMessages } from "./channel-messages";
import { NewChannelDialog } from "./new-channel-dialog";

/** The Chat section: the channels one is in (with unread counts), creating one, and the open channel. */
export function ChatView({ viewerId, canCreateChannels }: { viewerId: string; canCreateChannels: boolean }) {
  const trpc = useTRPC();
  // Unread counts of the other channels and channels one was added to; the open one is live.
  const channels = useQuery(trpc.chat.channels.queryOptions(undefined, { refetchInterval: 15_000 }));
  const [chosen, setChosen] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"new" | "add" | null>(null);
  const list = channels.data ?? [];
  const open = list.find((c) => c.id === chosen) ?? list[0];

  return (
    <>
      <PageHeader title="Chat" />
      {channels.error ? <p role="alert" className="text-sm text-red-600">{errorMessage(channels.error)}</p> : null}
      <div className="flex min-h-[60dvh] gap-4">
        <nav aria-label="Channels" className="w-48 shrink-0 space-y-2">
          <ul className="space-y-1">
            {list.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  onClick={() => setChosen(c.id)}
                  aria-current={c.id === open?.id ? "page" : undefined}
                  className={`flex w-full items-center justify-between rounded px-2 py-1 text-left text-sm ${c.id === open?.id ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}
                >
                  <span>
                    {c.isPrivate ? "🔒 " : "# "}
                    {c.name}
                  </span>
                  {c.unread > 0 && c.id !== open?.id ? (
                    <span className="rounded-full bg-brand-600 px-1.5 text-xs text-white" aria-label={`${c.unread} unread`}>
                      {c.unread}
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
          {canCreateChannels ? (
            <Button variant="ghost" className="w-full justify-start" onClick={() => setDialog("new")}>
              <span aria-hidden>+</span> New channel
            </Button>
          ) : null}
        </nav>
        {open ? (
          <div className="flex min-w-0 flex-1 flex-col gap-2">
            {open.canManage && !open.isGeneral ? (
              <div className="flex justify-end">
                <Button variant="secondary" onClick={() => setDialog("add")}>Add people</Button>
              </div>
            ) : null}
            <ChannelMessages key={open.id} channelId={open.id} channelName={open.name} />
          </div>
        ) : channels.data ? (
          <div className="flex-1">
            <EmptyState title="No channels yet">
              {canCreateChannels ? "Create a channel to start a conversation." : "You are not in any channel yet. Ask someone to invite you to one."}
            </EmptyState>
          </div>
        ) : null}
      </div>
      {dialog === "new" ? <NewChannelDialog onCreated={setChosen} onClose={() => setDialog(null)} /> : null}
      {dialog === "add" && open ? <AddPeopleDialog channelId={open.id} channelName={open.name} viewerId={viewerId} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
