"use client";

import { Button } from "@awan/ui/button";
import { useRef } from "react";
import type { useDraftAttachments } from "./use-draft-attachments";

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The draft's files, with upload progress and errors, and the buttons that add more. */
export function ComposeAttachments({ attachments, onPickFromFiles }: { attachments: ReturnType<typeof useDraftAttachments>; onPickFromFiles: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="space-y-1">
      {attachments.items.length > 0 ? (
        <ul aria-label="Attachments" className="space-y-1">
          {attachments.items.map((item) => (
            <li key={item.key} className="flex items-center gap-2 rounded border border-zinc-200 px-2 py-1 text-sm dark:border-zinc-800">
              <span className="truncate">📎 {item.name}</span>
              <span className="text-xs text-zinc-500">
                {item.error ? <span className="text-red-600">{item.error}</span> : item.id ? size(item.size) : `${Math.round((item.sent / Math.max(item.size, 1)) * 100)}%`}
              </span>
              <button type="button" className="ml-auto text-zinc-500 hover:text-zinc-900" aria-label={`Remove ${item.name}`} onClick={() => attachments.remove(item)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex gap-2">
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Attach files from your computer"
          onChange={(e) => {
            if (e.target.files) attachments.addFiles(e.target.files);
            e.target.value = "";
          }}
        />
        <Button variant="ghost" onClick={() => input.current?.click()}>Attach</Button>
        <Button variant="ghost" onClick={onPickFromFiles}>From Files</Button>
        {attachments.busy ? <span className="self-center text-xs text-zinc-500">Sending waits for the uploads to finish.</span> : null}
      </div>
    </div>
  );
}
