"use client";

import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { useEffect } from "react";
import { previewKind, type FileItem } from "./file-kinds";
import { useFileUrls } from "./file-urls";
import { FilePreview } from "./file-preview";

type PreviewDialogProps = {
  file: FileItem;
  /** The other files of the folder, for ← and →. */
  siblings: FileItem[];
  onShow(file: FileItem): void;
  onClose(): void;
};

/** Images, audio, video, text and Markdown in place; anything else offers its download. */
export function PreviewDialog({ file, siblings, onShow, onClose }: PreviewDialogProps) {
  const urls = useFileUrls();
  const download = urls.content(file.id);
  const index = siblings.findIndex((s) => s.id === file.id);
  const previous = index > 0 ? siblings[index - 1] : undefined;
  const next = index >= 0 && index < siblings.length - 1 ? siblings[index + 1] : undefined;
  useEffect(() => {
    const step = (event: KeyboardEvent) => {
      // Arrows inside a player or a text selection belong to them.
      if (event.target instanceof HTMLMediaElement) return;
      if (event.key === "ArrowLeft" && previous) onShow(previous);
      if (event.key === "ArrowRight" && next) onShow(next);
    };
    document.addEventListener("keydown", step);
    return () => document.removeEventListener("keydown", step);
  }, [previous, next, onShow]);

  return (
    <Dialog
      title={file.name}
      onClose={onClose}
      size="lg"
      actions={
        <>
          <Button variant="ghost" disabled={!previous} aria-label="Previous file" onClick={() => previous && onShow(previous)}>← Previous</Button>
          <Button variant="ghost" disabled={!next} aria-label="Next file" onClick={() => next && onShow(next)}>Next →</Button>
          <a href={download} download className="inline-flex items-center rounded-md border border-zinc-300 px-3.5 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800">Download</a>
          <Button onClick={onClose}>Close</Button>
        </>
      }
    >
      <FilePreview
        kind={previewKind(file)}
        url={urls.content(file.id, { inline: true })}
        name={file.name}
        none={<p className="text-zinc-600 dark:text-zinc-400">There is no preview for this kind of file. Download it to open it.</p>}
      />
    </Dialog>
  );
}
