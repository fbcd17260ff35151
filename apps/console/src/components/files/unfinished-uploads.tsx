"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { Button } from "@awan/ui/button";
import { useRef } from "react";
import { useUploads } from "@/lib/uploads/upload-provider";

/**
 * Uploads a reload or a closed tab interrupted. The browser cannot reopen a
 * file by itself: the person picks the same files again and each goes on
 * from where the server got to, into the folder it was meant for.
 */
export function UnfinishedUploads({ folderId }: { folderId: string | null }) {
  const { unfinished, continueUnfinished, forgetUnfinished } = useUploads();
  const input = useRef<HTMLInputElement>(null);
  if (unfinished.length === 0) return null;
  return (
    <section aria-label="Unfinished uploads" className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm dark:border-amber-900 dark:bg-amber-950">
      <p className="font-medium">
        {unfinished.length === 1 ? "An upload was interrupted." : `${unfinished.length} uploads were interrupted.`} Pick the same files again to continue where they stopped.
      </p>
      <ul className="mt-2 space-y-1">
        {unfinished.map((upload) => (
          <li key={upload.key} className="flex items-center justify-between gap-2">
            <span className="min-w-0 truncate">{upload.name} <span className="text-zinc-500 dark:text-zinc-400">({formatBytes(upload.size)})</span></span>
            <Button variant="ghost" className="px-2 py-1" aria-label={`Give up the upload of ${upload.name}`} onClick={() => void forgetUnfinished(upload)}>Give up</Button>
          </li>
        ))}
      </ul>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Pick the interrupted files"
        onChange={(event) => {
          continueUnfinished([...(event.target.files ?? [])], folderId);
          event.target.value = "";
        }}
      />
      <Button className="mt-3" onClick={() => input.current?.click()}>Continue uploads…</Button>
    </section>
  );
}
