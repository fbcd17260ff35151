"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { opensAs, type FileItem } from "./file-kinds";
import { FileIcon, Thumbnail } from "./file-icon";
import { ItemCheckbox } from "./item-checkbox";
import { ItemName } from "./item-name";
import { clickItem, formatModified, type ItemViewProps } from "./item-views";
import { useDropUpload } from "./use-drop-upload";

/** The grid view: cards with image thumbnails. */
export function ItemGrid(view: ItemViewProps) {
  return (
    <ul aria-label="Files and folders" data-grid onKeyDown={view.onKeyDown} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5 xl:grid-cols-6">
      {view.items.map((item, index) => (
        <ItemCard key={item.id} item={item} index={index} view={view} />
      ))}
    </ul>
  );
}

function ItemCard({ item, index, view }: { item: FileItem; index: number; view: ItemViewProps }) {
  const drop = useDropUpload(item.id, { enabled: view.canUpload });
  const selected = view.selected.has(item.id);
  return (
    <li
      data-index={index}
      tabIndex={index === view.focusedIndex ? 0 : -1}
      aria-label={item.name}
      onClick={(event) => clickItem(event, item, index, view)}
      onDoubleClick={() => view.onOpen(item)}
      onFocus={(event) => event.target === event.currentTarget && view.onFocusIndex(index)}
      {...(item.kind === "FOLDER" ? drop.props : {})}
      className={`relative flex cursor-default flex-col overflow-hidden rounded-lg border outline-none select-none focus-visible:ring-2 focus-visible:ring-brand-500 ${selected ? "border-brand-500 bg-brand-50 dark:bg-zinc-800" : "border-zinc-200 bg-white hover:border-zinc-300 dark:border-zinc-800 dark:bg-zinc-900"} ${drop.over ? "ring-2 ring-brand-500" : ""}`}
    >
      <div className="absolute left-2 top-2 z-10"><ItemCheckbox item={item} view={view} /></div>
      <div className="flex aspect-square items-center justify-center overflow-hidden bg-zinc-50 dark:bg-zinc-950">
        {opensAs(item).kind === "FOLDER" ? <FileIcon item={item} className="size-12" /> : <Thumbnail item={item} />}
      </div>
      <div className="min-w-0 p-2">
        <ItemName item={item} onOpen={view.onOpen} className="block max-w-full text-sm" />
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{opensAs(item).kind === "FOLDER" ? "Folder" : formatBytes(item.size)} · {formatModified(item.modifiedAt)}</p>
      </div>
    </li>
  );
}
