"use client";

import { Button } from "@awan/ui/button";
import type { FileItem } from "./file-kinds";

type SelectionBarProps = {
  items: FileItem[];
  onDownload(): void;
  onRename(): void;
  onMove(): void;
  onCopy(): void;
  onVersions(): void;
  onTrash(): void;
  onShare(): void;
  onClear(): void;
  /** What the person may do here (a viewer of a shared folder changes nothing). */
  canEdit: boolean;
  canShare: boolean;
};

/** What can be done with the selected items: along the bottom edge on phones, where a thumb reaches; sticking to the top above. */
export function SelectionBar({ items, onDownload, onRename, onMove, onCopy, onVersions, onTrash, onShare, onClear, canEdit, canShare }: SelectionBarProps) {
  const single = items.length === 1 ? items[0]! : null;
  // A shortcut is copied or shared from what it leads to, once opened.
  const hasShortcut = items.some((item) => item.kind === "SHORTCUT");
  return (
    <div role="toolbar" aria-label="Selected items" className="fixed inset-x-0 bottom-0 z-20 flex flex-wrap items-center gap-1 border-t border-brand-100 bg-brand-50 px-2 py-1.5 shadow-lg sm:sticky sm:top-0 sm:bottom-auto sm:rounded-lg sm:border sm:shadow-none dark:border-zinc-700 dark:bg-zinc-800">
      <span className="px-2 text-sm font-medium" aria-live="polite">{items.length} selected</span>
      <Button variant="ghost" onClick={onDownload}>{items.length > 1 || single?.kind === "FOLDER" || single?.target?.kind === "FOLDER" ? "Download as zip" : "Download"}</Button>
      {single && canShare && single.kind !== "SHORTCUT" ? <Button variant="ghost" onClick={onShare} aria-keyshortcuts="s">Share</Button> : null}
      {single && canEdit ? <Button variant="ghost" onClick={onRename}>Rename</Button> : null}
      {canEdit ? <Button variant="ghost" onClick={onMove}>Move</Button> : null}
      {hasShortcut ? null : <Button variant="ghost" onClick={onCopy}>Copy</Button>}
      {single?.kind === "FILE" ? <Button variant="ghost" onClick={onVersions}>Versions</Button> : null}
      {canEdit ? <Button variant="ghost" className="text-red-700 dark:text-red-400" onClick={onTrash}>Move to trash</Button> : null}
      <Button variant="ghost" className="ml-auto" onClick={onClear}>Clear selection</Button>
    </div>
  );
}
