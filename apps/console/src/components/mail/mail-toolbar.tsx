"use client";

import { Button } from "@awan/ui/button";
import type { MailFolder } from "./mail-types";

export type ToolbarAction = "reply" | "replyAll" | "forward" | "archive" | "delete" | "restore" | "deleteForever" | "markUnread" | "markRead" | "star" | "unstar" | "back";

/**
 * What can be done with the open message or the selected ones. Answering
 * needs one open message; the rest act on the selection, else on it.
 */
export function MailToolbar({
  folder,
  hasOpen,
  count,
  moveTargets,
  busy,
  onAction,
  onMove,
}: {
  folder: MailFolder;
  hasOpen: boolean;
  count: number;
  moveTargets: MailFolder[];
  busy: boolean;
  onAction: (action: ToolbarAction) => void;
  onMove: (folderId: string) => void;
}) {
  const inTrash = folder.role === "TRASH" || folder.role === "SPAM";
  const acts = count > 0;
  return (
    <div role="toolbar" aria-label="Message actions" className="flex flex-wrap items-center gap-1 border-b border-zinc-200 pb-2 dark:border-zinc-800">
      {hasOpen ? (
        <>
          <Button variant="ghost" onClick={() => onAction("back")} aria-keyshortcuts="u" title="Back to the list (u)">← List</Button>
          <Button variant="ghost" onClick={() => onAction("reply")} aria-keyshortcuts="r" title="Reply (r)">Reply</Button>
          <Button variant="ghost" onClick={() => onAction("replyAll")} aria-keyshortcuts="a" title="Reply all (a)">Reply all</Button>
          <Button variant="ghost" onClick={() => onAction("forward")} aria-keyshortcuts="f" title="Forward (f)">Forward</Button>
        </>
      ) : null}
      {acts ? (
        <>
          {count > 1 || !hasOpen ? <span className="px-2 text-sm text-zinc-500">{count} selected</span> : null}
          {folder.role !== "ARCHIVE" && !inTrash ? (
            <Button variant="ghost" disabled={busy} onClick={() => onAction("archive")} aria-keyshortcuts="e" title="Archive (e)">Archive</Button>
          ) : null}
          {inTrash ? (
            <>
              <Button variant="ghost" disabled={busy} onClick={() => onAction("restore")}>Restore</Button>
              <Button variant="ghost" disabled={busy} onClick={() => onAction("deleteForever")}>Delete forever</Button>
            </>
          ) : (
            <Button variant="ghost" disabled={busy} onClick={() => onAction("delete")} aria-keyshortcuts="#" title="Delete (#)">Delete</Button>
          )}
          <Button variant="ghost" disabled={busy} onClick={() => onAction("markUnread")}>Mark unread</Button>
          <Button variant="ghost" disabled={busy} onClick={() => onAction("markRead")}>Mark read</Button>
          <Button variant="ghost" disabled={busy} onClick={() => onAction("star")} aria-keyshortcuts="s" title="Star (s)">Star</Button>
          <Button variant="ghost" disabled={busy} onClick={() => onAction("unstar")}>Unstar</Button>
          <label className="ml-1 text-sm">
            <span className="sr-only">Move to</span>
            <select
              value=""
              disabled={busy}
              onChange={(e) => e.target.value && onMove(e.target.value)}
              className="rounded border border-zinc-300 px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            >
              <option value="">Move to…</option>
              {moveTargets.map((f) => (
                <option key={f.id} value={f.id}>{f.name}</option>
              ))}
            </select>
          </label>
        </>
      ) : null}
    </div>
  );
}
