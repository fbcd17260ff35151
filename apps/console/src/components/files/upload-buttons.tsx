"use client";

import { Button } from "@awan/ui/button";
import { useUploads } from "@/lib/uploads/upload-provider";
import type { ConflictPolicy } from "@/lib/uploads/upload-queue";

/**
 * "Upload files" and "Upload folder": the browser's pickers, straight into the queue.
 * `onConflict` KEEP_BOTH is for folders one may only add to: nothing there is seen or replaced.
 */
export function UploadButtons({ folderId, onConflict }: { folderId: string | null; onConflict?: ConflictPolicy }) {
  const { choose } = useUploads();
  return (
    <>
      <Button onClick={() => choose("files", folderId, onConflict)}>Upload files</Button>
      <Button variant="secondary" onClick={() => choose("folder", folderId, onConflict)}>Upload folder</Button>
    </>
  );
}
