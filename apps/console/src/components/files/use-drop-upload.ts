"use client";

import { useRef, useState, type DragEvent } from "react";
import { readDroppedFiles } from "@/lib/uploads/dropped-files";
import { useUploads } from "@/lib/uploads/upload-provider";
import type { ConflictPolicy } from "@/lib/uploads/upload-queue";

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");

/**
 * Makes an element a drop target for files and folders from the desktop,
 * uploading into `folderId`. Nested targets (a folder row inside the page)
 * stop the event, so the innermost one wins.
 */
export function useDropUpload(folderId: string | null, options: { enabled?: boolean; onConflict?: ConflictPolicy } = {}) {
  const { enabled = true, onConflict } = options;
  const { upload } = useUploads();
  const [over, setOver] = useState(false);
  // dragenter/leave fire for every child crossed: count them to know when the pointer really left.
  const depth = useRef(0);
  const props = {
    onDragEnter(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      depth.current++;
      setOver(true);
    },
    onDragOver(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = "copy";
    },
    onDragLeave(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.stopPropagation();
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    },
    onDrop(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      depth.current = 0;
      setOver(false);
      void readDroppedFiles(event.dataTransfer).then(({ files, emptyFolders }) => upload(files, folderId, emptyFolders, onConflict));
    },
  };
  return { over, props };
}
