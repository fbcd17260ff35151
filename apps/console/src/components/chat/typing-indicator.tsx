"use client";

import { useTypists } from "@/lib/live/presence-hooks";

function sentence(names: string[]): string {
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return "Several people are typing…";
}

/** "Ana is typing…" under a channel's messages; read out politely by screen readers. */
export function TypingIndicator({ channelId }: { channelId: string }) {
  const names = useTypists(channelId);
  return (
    <p aria-live="polite" className="h-5 px-3 text-xs text-zinc-500 dark:text-zinc-400">
      {names.length > 0 ? sentence(names) : null}
    </p>
  );
}
