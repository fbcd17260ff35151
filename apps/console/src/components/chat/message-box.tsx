"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import type { ChatMessage } from "./channel-messages";

/** The message field: Enter sends, Shift+Enter starts a new line. */
export function MessageBox({ channelId, channelName, onPosted }: { channelId: string; channelName: string; onPosted: (m: ChatMessage) => void }) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const post = useMutation(
    trpc.chat.post.mutationOptions({
      onSuccess: (message) => {
        setText("");
        onPosted(message);
      },
    }),
  );
  const send = () => {
    if (text.trim() && !post.isPending) post.mutate({ channelId, body: text });
  };
  return (
    <form
      className="border-t border-zinc-200 p-2 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor={`message-${channelId}`} className="sr-only">
        Message
      </label>
      <textarea
        id={`message-${channelId}`}
        rows={2}
        value={text}
        placeholder={`Message #${channelName}`}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
        className="w-full resize-y rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      {post.error ? <p role="alert" className="text-sm text-red-600">{errorMessage(post.error)}</p> : null}
    </form>
  );
}
