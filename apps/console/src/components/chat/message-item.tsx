"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import type { ChatMessage } from "./channel-messages";
import { fromMentionTokens, toMentionTokens, type Person } from "./mention-text";
import { MessageAttachments } from "./message-attachments";
import { MessageMarkdown } from "./message-markdown";

const QUICK_REACTIONS = ["👍", "🎉", "❤️", "😄"];

/**
 * One message: author, time, body (or its "deleted" mark) with its mentions
 * highlighted, reactions, its thread ("N replies", or Reply to start one)
 * when `onOpenThread` is given, and edit/delete for its author.
 */
export function MessageItem({
  message,
  onChanged,
  viewerId,
  people = [],
  onOpenThread,
  focused = false,
}: {
  message: ChatMessage;
  /** The message a link pointed at: highlighted. */
  focused?: boolean;
  onChanged: (m: ChatMessage) => void;
  viewerId?: string;
  people?: readonly Person[];
  onOpenThread?: (messageId: string) => void;
}) {
  const trpc = useTRPC();
  const [editing, setEditing] = useState<string | null>(null);
  const edit = useMutation(
    trpc.chat.edit.mutationOptions({
      onSuccess: (m) => {
        setEditing(null);
        onChanged(m);
      },
    }),
  );
  const remove = useMutation(trpc.chat.delete.mutationOptions());
  const react = useMutation(trpc.chat.react.mutationOptions());
  const unreact = useMutation(trpc.chat.unreact.mutationOptions());
  const failure = edit.error ?? remove.error ?? react.error ?? unreact.error;
  const deleted = message.deletedAt !== null;
  const author = message.author?.name ?? "Former member";
  const save = (text: string) => edit.mutate({ messageId: message.id, body: toMentionTokens(text, [...message.mentions, ...people]) });

  return (
    <li
      id={`message-${message.id}`}
      className={`group ${focused ? "-mx-1 rounded bg-amber-50 px-1 ring-1 ring-amber-300 dark:bg-amber-950" : ""}`}
      aria-label={`Message from ${author}`}
      aria-current={focused ? "true" : undefined}
    >
      <div className="flex items-baseline gap-2 text-xs text-zinc-500">
        <span className="font-medium text-zinc-800 dark:text-zinc-200">{author}</span>
        <time dateTime={message.createdAt.toISOString()}>{message.createdAt.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}</time>
        {message.editedAt && !deleted ? <span>(edited)</span> : null}
      </div>
      {deleted ? (
        <p className="text-sm italic text-zinc-500">This message was deleted.</p>
      ) : editing !== null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save(editing);
          }}
          className="flex flex-col gap-1"
        >
          <label className="sr-only" htmlFor={`edit-${message.id}`}>
            Edit message
          </label>
          <textarea
            id={`edit-${message.id}`}
            value={editing}
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                save(editing);
              } else if (e.key === "Escape") setEditing(null);
            }}
            className="w-full rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
          <div className="flex gap-2 text-xs">
            <button type="submit" className="text-brand-600 underline">
              Save
            </button>
            <button type="button" onClick={() => setEditing(null)} className="underline">
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <MessageMarkdown text={message.body ?? ""} mentions={message.mentions} viewerId={viewerId} />
          <MessageAttachments attachments={message.attachments} />
        </>
      )}
      {!deleted ? (
        <div className="mt-1 flex flex-wrap items-center gap-1 text-xs">
          {message.reactions.map((r) => (
            <button
              key={r.emoji}
              type="button"
              aria-pressed={r.mine}
              aria-label={`${r.emoji} ${r.count}`}
              onClick={() => (r.mine ? unreact : react).mutate({ messageId: message.id, emoji: r.emoji })}
              className={`rounded-full border px-1.5 ${r.mine ? "border-brand-500 bg-brand-50 dark:bg-brand-950" : "border-zinc-300 dark:border-zinc-700"}`}
            >
              {r.emoji} {r.count}
            </button>
          ))}
          <span className="flex gap-1 opacity-60 group-focus-within:opacity-100 group-hover:opacity-100">
            {QUICK_REACTIONS.filter((e) => !message.reactions.some((r) => r.emoji === e && r.mine)).map((emoji) => (
              <button key={emoji} type="button" aria-label={`React with ${emoji}`} onClick={() => react.mutate({ messageId: message.id, emoji })}>
                {emoji}
              </button>
            ))}
            {onOpenThread && message.replyCount === 0 ? (
              <button type="button" className="ml-2 underline" onClick={() => onOpenThread(message.id)}>
                Reply
              </button>
            ) : null}
            {message.mine && editing === null ? (
              <>
                <button type="button" className="ml-2 underline" onClick={() => setEditing(fromMentionTokens(message.body ?? "", message.mentions))}>
                  Edit
                </button>
                <button type="button" className="underline" onClick={() => remove.mutate({ messageId: message.id })}>
                  Delete
                </button>
              </>
            ) : null}
          </span>
        </div>
      ) : null}
      {onOpenThread && message.replyCount > 0 ? (
        <button type="button" onClick={() => onOpenThread(message.id)} className="mt-1 text-xs font-medium text-brand-600 underline">
          {message.replyCount === 1 ? "1 reply" : `${message.replyCount} replies`}
        </button>
      ) : null}
      {failure ? <p role="alert" className="text-xs text-red-600">{errorMessage(failure)}</p> : null}
    </li>
  );
}
