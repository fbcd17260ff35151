"use client";

import Link from "next/link";
import { UploadButtons } from "./upload-buttons";
import { UploadPanel } from "./upload-panel";
import { useDropUpload } from "./use-drop-upload";

/**
 * A folder shared as "can add files only": an upload area and no listing.
 * A name already there is kept and the new file gets another (KEEP_BOTH),
 * so nothing there is seen or replaced.
 */
export function AddOnlyFolder({ folderId, message }: { folderId: string; message: string }) {
  const drop = useDropUpload(folderId, { onConflict: "KEEP_BOTH" });
  return (
    <div className="space-y-4">
      <nav aria-label="Folder path" className="text-sm">
        <Link href="/files/shared" className="text-brand-600 hover:underline dark:text-brand-400">Shared with me</Link>
      </nav>
      <section
        {...drop.props}
        aria-label="Add files to this folder"
        className={`flex flex-col items-center gap-3 rounded-xl border-2 border-dashed px-6 py-12 text-center ${drop.over ? "border-brand-500 bg-brand-50 dark:bg-zinc-800" : "border-zinc-300 dark:border-zinc-700"}`}
      >
        <h2 className="text-base font-semibold">Add files to this folder</h2>
        <p className="max-w-md text-sm text-zinc-600 dark:text-zinc-400">{message} Drop files here or pick them; a name already used there is kept and yours gets another.</p>
        <div className="flex flex-wrap justify-center gap-2">
          <UploadButtons folderId={folderId} onConflict="KEEP_BOTH" />
        </div>
      </section>
      <UploadPanel folderId={folderId} />
    </div>
  );
}
