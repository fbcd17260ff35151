"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { opensAs, type FileItem } from "./file-kinds";
import { FileIcon } from "./file-icon";
import { ItemCheckbox } from "./item-checkbox";
import { ItemName } from "./item-name";
import { clickItem, formatModified, formatModifiedExactly, type ItemViewProps } from "./item-views";
import { useDropUpload } from "./use-drop-upload";

/** The list view: one row per item; on phones size and date move under the name. */
export function ItemTable(view: ItemViewProps & { allSelected: boolean; onToggleAll(): void }) {
  return (
    <table role="grid" aria-label="Files and folders" aria-multiselectable className="w-full table-fixed text-left text-sm" onKeyDown={view.onKeyDown}>
      <thead className="text-xs uppercase text-zinc-500 dark:text-zinc-400">
        <tr>
          <th scope="col" className="w-10 py-2 pl-3">
            <input type="checkbox" aria-label="Select all" checked={view.allSelected} onChange={view.onToggleAll} className="size-4 cursor-pointer accent-brand-600" />
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">Name</th>
          <th scope="col" className="hidden w-28 py-2 pr-4 font-medium sm:table-cell">Size</th>
          <th scope="col" className="hidden w-40 py-2 pr-4 font-medium sm:table-cell">Modified</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {view.items.map((item, index) => (
          <ItemRow key={item.id} item={item} index={index} view={view} />
        ))}
      </tbody>
    </table>
  );
}

function ItemRow({ item, index, view }: { item: FileItem; index: number; view: ItemViewProps }) {
  // A folder row takes files dropped on it; a file row lets them through to the folder on screen.
  const drop = useDropUpload(item.id, { enabled: view.canUpload });
  const selected = view.selected.has(item.id);
  const isFolder = opensAs(item).kind === "FOLDER";
  const size = isFolder ? "—" : formatBytes(item.size);
  return (
    <tr
      data-index={index}
      tabIndex={index === view.focusedIndex ? 0 : -1}
      aria-selected={selected}
      onClick={(event) => clickItem(event, item, index, view)}
      onDoubleClick={() => view.onOpen(item)}
      onFocus={(event) => event.target === event.currentTarget && view.onFocusIndex(index)}
      {...(item.kind === "FOLDER" ? drop.props : {})}
      className={`cursor-default outline-none select-none focus-visible:bg-brand-50 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500 aria-selected:bg-brand-50 dark:focus-visible:bg-zinc-800 dark:aria-selected:bg-zinc-800 ${drop.over ? "bg-brand-100 ring-2 ring-inset ring-brand-500 dark:bg-zinc-700" : "hover:bg-zinc-50 dark:hover:bg-zinc-800/60"}`}
    >
      <td className="py-2 pl-3"><ItemCheckbox item={item} view={view} /></td>
      <td className="py-2 pr-4">
        <div className="flex min-w-0 items-center gap-2">
          <FileIcon item={item} />
          <div className="min-w-0">
            <ItemName item={item} onOpen={view.onOpen} className="block max-w-full" />
            <p className="text-xs text-zinc-500 sm:hidden dark:text-zinc-400">{isFolder ? "Folder" : size} · {formatModified(item.modifiedAt)}</p>
          </div>
        </div>
      </td>
      <td className="hidden py-2 pr-4 text-zinc-600 sm:table-cell dark:text-zinc-400">{size}</td>
      <td className="hidden py-2 pr-4 text-zinc-600 sm:table-cell dark:text-zinc-400" title={formatModifiedExactly(item.modifiedAt)}>{formatModified(item.modifiedAt)}</td>
    </tr>
  );
}
