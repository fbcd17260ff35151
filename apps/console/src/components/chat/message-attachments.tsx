"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { chatAttachmentUrls } from "./attachment-urls";
import type { ChatAttachment } from "./use-attachment-drafts";

const PREVIEWED = /^image\/(png|jpeg|gif|webp|avif)$/;

/** A message's files: images as previews, everything else as a download with its size. */
export function MessageAttachments({ attachments }: { attachments: ChatAttachment[] }) {
  if (attachments.length === 0) return null;
  const urls = chatAttachmentUrls();
  return (
    <ul aria-label="Files" className="mt-1 flex flex-wrap gap-2">
      {attachments.map((a) => (
        <li key={a.id}>
          {PREVIEWED.test(a.mediaType) ? (
            <a href={urls.download(a.id)} download={a.name} title={`Download ${a.name}`} className="block">
              {/* eslint-disable-next-line @next/next/no-img-element -- served by the chat routes with the reader's session */}
              <img src={urls.preview(a.id)} alt={a.name} loading="lazy" className="max-h-48 max-w-xs rounded border border-zinc-200 dark:border-zinc-700" />
            </a>
          ) : (
            <a href={urls.download(a.id)} download={a.name} className="flex items-center gap-2 rounded border border-zinc-200 px-2 py-1 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900">
              <span aria-hidden>📎</span>
              <span className="max-w-56 truncate">{a.name}</span>
              <span className="text-xs text-zinc-500">{formatBytes(a.size)}</span>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
