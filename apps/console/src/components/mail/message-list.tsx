"use client";

import { Button } from "@awan/ui/button";
import { EmptyState } from "@awan/ui/empty-state";
import type { MailFolder, MailListMessage } from "./mail-types";
import { addresseeName, shortDate } from "./mail-types";

const EMPTY: Record<string, { title: string; text: string }> = {
  INBOX: { title: "Your inbox is empty", text: "New mail appears here as it arrives." },
  DRAFTS: { title: "No drafts", text: "Messages you start and do not send are kept here." },
  SENT: { title: "Nothing sent yet", text: "Mail you send is kept here." },
  ARCHIVE: { title: "Nothing archived", text: "Archive mail to clear your inbox without deleting it." },
  SPAM: { title: "No spam", text: "Mail that fails its sender checks lands here." },
  TRASH: { title: "Trash is empty", text: "Deleted mail waits here until you delete it forever." },
};

/** Who a row names: the sender, or for Sent and Drafts the recipients. */
function rowPeople(message: MailListMessage, folder: MailFolder): string {
  if (folder.role === "SENT" || folder.role === "DRAFTS") {
    const to = message.to.map(addresseeName).join(", ");
    return to ? `To: ${to}` : "(no recipients)";
  }
  return addresseeName(message.from);
}

/**
 * A folder's messages: sender, subject, snippet and date, unread in bold, a
 * star, and checkboxes for acting on several at once. Pages load on demand.
 */
export function MessageList({
  folder,
  messages,
  loading,
  error,
  activeId,
  selected,
  onSelect,
  onOpen,
  onStar,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  folder: MailFolder;
  messages: MailListMessage[];
  loading: boolean;
  error: string | null;
  activeId: string | null;
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  onOpen: (message: MailListMessage) => void;
  onStar: (message: MailListMessage) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  if (error) return <p role="alert" className="text-sm text-red-600">{error}</p>;
  if (loading) return <p className="p-4 text-sm text-zinc-500" aria-live="polite">Loading messages…</p>;
  if (messages.length === 0) {
    const empty = (folder.role && EMPTY[folder.role]) ?? { title: `${folder.name} is empty`, text: "Move messages here to file them." };
    return <EmptyState title={empty.title}>{empty.text}</EmptyState>;
  }
  const allSelected = messages.every((m) => selected.has(m.id));
  return (
    <div>
      <label className="flex items-center gap-2 border-b border-zinc-200 px-3 py-1.5 text-xs text-zinc-500 dark:border-zinc-800">
        <input type="checkbox" checked={allSelected} onChange={(e) => onSelect(messages.map((m) => m.id), e.target.checked)} />
        Select all shown
      </label>
      <ul aria-label={`Messages in ${folder.name}`} className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {messages.map((message) => {
          const active = message.id === activeId;
          return (
            <li
              key={message.id}
              data-testid="mail-row"
              data-unread={!message.isRead || undefined}
              aria-current={active ? "true" : undefined}
              className={`flex items-start gap-2 px-3 py-2 ${active ? "bg-brand-50 ring-1 ring-brand-300 dark:bg-zinc-800" : "hover:bg-zinc-50 dark:hover:bg-zinc-900"}`}
            >
              <input
                type="checkbox"
                className="mt-1"
                aria-label={`Select “${message.subject || "(no subject)"}”`}
                checked={selected.has(message.id)}
                onChange={(e) => onSelect([message.id], e.target.checked)}
              />
              <button
                type="button"
                aria-label={message.isStarred ? "Remove star" : "Star"}
                aria-pressed={message.isStarred}
                onClick={() => onStar(message)}
                className={`text-base leading-none ${message.isStarred ? "text-amber-500" : "text-zinc-400 hover:text-zinc-600"}`}
              >
                {message.isStarred ? "★" : "☆"}
              </button>
              <button type="button" onClick={() => onOpen(message)} className="min-w-0 flex-1 text-left">
                <span className="flex items-baseline justify-between gap-2">
                  <span className={`truncate text-sm ${message.isRead ? "" : "font-bold"}`}>
                    {message.isDraft && folder.role !== "DRAFTS" ? <span className="text-red-600">Draft · </span> : null}
                    {rowPeople(message, folder)}
                  </span>
                  <time dateTime={new Date(message.sentAt).toISOString()} className="shrink-0 text-xs text-zinc-500">
                    {shortDate(new Date(message.sentAt))}
                  </time>
                </span>
                <span className={`block truncate text-sm ${message.isRead ? "" : "font-bold"}`}>
                  {message.subject || "(no subject)"}
                  {message.hasAttachments ? <span aria-label="has attachments"> 📎</span> : null}
                </span>
                <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{message.snippet}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {hasMore ? (
        <div className="flex justify-center p-3">
          <Button variant="secondary" busy={loadingMore} onClick={onLoadMore}>Load more</Button>
        </div>
      ) : null}
    </div>
  );
}
