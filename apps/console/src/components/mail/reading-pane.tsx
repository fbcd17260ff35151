"use client";

import { useQuery } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { ConversationView } from "./conversation-view";

/** The open message's conversation, or why it cannot be shown. */
export function ReadingPane({ messageId }: { messageId: string }) {
  const trpc = useTRPC();
  const conversation = useQuery(trpc.mail.conversation.queryOptions({ messageId }));
  if (conversation.isPending) return <p className="text-sm text-zinc-500" role="status">Loading conversation…</p>;
  if (conversation.error) return <p role="alert" className="text-sm text-red-600">{errorMessage(conversation.error)}</p>;
  return <ConversationView key={messageId} conversation={conversation.data} openedId={messageId} />;
}
