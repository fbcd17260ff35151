"use client";

import { ProgressBar } from "@awan/ui/progress-bar";
import { formatBytes } from "@awan/backend/format-bytes";
import type { AttachmentDraft } from "./use-attachment-drafts";

/** The files waiting to go with the message being written, each with its progress and a way to remove it. */
export function AttachmentDrafts({ drafts, onRemove }: { drafts: AttachmentDraft[]; onRemove(key: string): void }) {
  if (drafts.length === 0) return null;
  return (
    <ul aria-label="Attached files" className="flex flex-wrap gap-2 px-3 pt-2">
      {drafts.map((draft) => (
        <li key={draft.key} className="w-56 rounded border border-zinc-200 px-2 py-1 text-xs dark:border-zinc-700">
          <div className="flex items-center justify-between gap-2">
            <span className="truncate" title={draft.name}>{draft.name}</span>
            <button type="button" aria-label={`Remove ${draft.name}`} onClick={() => onRemove(draft.key)} className="rounded px-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              ×
            </button>
          </div>
          {draft.error ? (
            <p role="alert" className="text-red-600">{draft.error}</p>
          ) : draft.attachment ? (
            <p className="text-zinc-500">{formatBytes(draft.attachment.size)}</p>
          ) : (
            <ProgressBar label={`Uploading ${draft.name}`} value={draft.size > 0 ? draft.sent / draft.size : null} />
          )}
        </li>
      ))}
    </ul>
  );
}
