"use client";

import { Button } from "@awan/ui/button";
import { useEffect, useRef } from "react";
import { pickedFromInput } from "@/lib/uploads/folder-tree";
import { useUploads } from "@/lib/uploads/upload-provider";
import type { ConflictPolicy } from "@/lib/uploads/upload-queue";

/** "Upload files" and "Upload folder": the browser's pickers, straight into the queue. */
/** `onConflict` KEEP_BOTH is for folders one may only add to: nothing there is seen or replaced. */
export function UploadButtons({ folderId, onConflict }: { folderId: string | null; onConflict?: ConflictPolicy }) {
  const { upload } = useUploads();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Not in React's attribute types; the property is what Chromium, Firefox and Safari read.
    if (folderInput.current) folderInput.current.webkitdirectory = true;
  }, []);
  const take = (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])].map(pickedFromInput);
    input.value = ""; // the same file can be picked again
    if (files.length > 0) void upload(files, folderId, [], onConflict);
  };
  return (
    <>
      <input ref={filesInput} type="file" multiple hidden aria-label="Files to upload" onChange={(e) => take(e.target)} />
      <input ref={folderInput} type="file" multiple hidden aria-label="Folder to upload" onChange={(e) => take(e.target)} />
      <Button onClick={() => filesInput.current?.click()}>Upload files</Button>
      <Button variant="secondary" onClick={() => folderInput.current?.click()}>Upload folder</Button>
    </>
  );
}
