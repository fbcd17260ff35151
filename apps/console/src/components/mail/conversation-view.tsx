"use client";

import type { RouterOutputs } from "@awan/backend";
import { useState } from "react";
import { addresseeName } from "./mail-types";
import { MessageBody } from "./message-body";

type Conversation = RouterOutputs["mail"]["conversation"];
type ConversationMessage = Conversation["messages"][number];

const FULL_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function people(list: ConversationMessage["to"]): string {
  return list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(", ");
}

/**
 * A conversation, oldest first: every message collapsed to its sender and
 * snippet except the one opened and the last, which show their body
 * (MessageBody: text or sanitized HTML, images on request, attachments).
 */
export function ConversationView({ conversation, openedId }: { conversation: Conversation; openedId: string }) {
  const last = conversation.messages[conversation.messages.length - 1]?.id;
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set([openedId, ...(last ? [last] : [])]));
  const subject = conversation.messages.find((m) => m.id === openedId)?.subject ?? conversation.messages[0]?.subject ?? "";
  return (
    <article aria-label="Conversation" className="space-y-3">
      <h2 className="text-lg font-semibold" data-testid="conversation-subject">{subject || "(no subject)"}</h2>
      <ol className="space-y-2">
        {conversation.messages.map((message) => {
          const open = expanded.has(message.id);
          return (
            <li key={message.id} data-testid="conversation-message" className="rounded-lg border border-zinc-200 dark:border-zinc-800">
              <button
                type="button"
                aria-expanded={open}
                onClick={() => setExpanded((all) => new Set(open ? [...all].filter((id) => id !== message.id) : [...all, message.id]))}
                className="flex w-full items-baseline justify-between gap-2 px-3 py-2 text-left"
              >
                <span className="min-w-0">
                  <span className="font-medium">{addresseeName(message.from)}</span>
                  {message.from && message.from.name ? <span className="ml-1 text-xs text-zinc-500">&lt;{message.from.address}&gt;</span> : null}
                  {!open ? <span className="block truncate text-sm text-zinc-500">{message.snippet}</span> : null}
                </span>
                <span className="shrink-0 text-xs text-zinc-500">
                  {message.folderRole !== "INBOX" ? <span className="mr-2 rounded bg-zinc-100 px-1 dark:bg-zinc-800">{message.folderName}</span> : null}
                  {FULL_DATE.format(new Date(message.sentAt))}
                </span>
              </button>
              {open ? (
                <div className="border-t border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
                  <dl className="mb-2 grid grid-cols-[auto_1fr] gap-x-2 text-xs text-zinc-500">
                    <dt>To</dt>
                    <dd className="break-all">{people(message.to) || "—"}</dd>
                    {message.cc.length > 0 ? (
                      <>
                        <dt>Cc</dt>
                        <dd className="break-all">{people(message.cc)}</dd>
                      </>
                    ) : null}
                  </dl>
                  <MessageBody messageId={message.id} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </article>
  );
}

