"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { PageHeader } from "@/components/page-header";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { ChannelMessages } from "./channel-messages";

/** The Chat section: the channels one is in (with unread counts) and the open channel. */
export function ChatView() {
  const trpc = useTRPC();
  // Unread counts of the other channels; the open one is live.
  const channels = useQuery(trpc.chat.channels.queryOptions(undefined, { refetchInterval: 15_000 }));
  const [chosen, setChosen] = useState<string | null>(null);
  const list = channels.data ?? [];
  const open = list.find((c) => c.id === chosen) ?? list[0];

  return (
    <>
      <PageHeader title="Chat" />
      {channels.error ? <p role="alert" className="text-sm text-red-600">{errorMessage(channels.error)}</p> : null}
      {channels.data && list.length === 0 ? <p className="text-sm text-zinc-600">You are not in any channel yet. Ask someone to invite you to one.</p> : null}
      <div className="flex min-h-[60dvh] gap-4">
        <nav aria-label="Channels" className="w-48 shrink-0">
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
        </nav>
        {open ? <ChannelMessages key={open.id} channelId={open.id} channelName={open.name} /> : null}
      </div>
    </>
  );
}
