"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { EmptyState } from "@awan/ui/empty-state";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { errorMessage } from "@/lib/trpc";
import { useUploads } from "@/lib/uploads/upload-provider";
import { Breadcrumbs } from "./breadcrumbs";
import { AddOnlyFolder } from "./add-only-folder";
import { ConflictDialog } from "./conflict-dialog";
import { FilesToolbar } from "./files-toolbar";
import { ItemGrid } from "./item-grid";
import { ItemTable } from "./item-table";
import type { ItemViewProps } from "./item-views";
import { SearchResults } from "./search-results";
import { SelectionBar } from "./selection-bar";
import { UploadButtons } from "./upload-buttons";
import { UploadPanel } from "./upload-panel";
import { useBrowsePreferences } from "./use-browse-preferences";
import { useDropUpload } from "./use-drop-upload";
import { useFolderListing } from "./use-folder-listing";
import { useItemActions } from "./use-item-actions";
import { itemKeyHandler } from "./use-item-keys";
import { useSelection } from "./use-selection";

const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || !!target.closest("input, textarea, select"));

/** A listing refused because the person may only add files here (an "uploader" share). */
const isAddOnly = (error: unknown) => error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "FORBIDDEN";

/**
 * One folder's contents (of My files, or of a folder shared with the person),
 * with uploads, search, selection and every operation on items the person
 * may do there: a viewer gets no upload, rename, move or delete controls.
 */
export function FilesBrowser({ folderId, canShare = true }: { folderId: string | null; canShare?: boolean }) {
  const [preferences, setPreferences] = useBrowsePreferences();
  const listing = useFolderListing(folderId, preferences.sort, preferences.direction);
  // Until the first page says otherwise, only the top of My files is surely the person's own.
  const access = listing.access ?? { own: folderId === null, view: true, edit: folderId === null, upload: folderId === null };
  const mayShare = canShare && access.edit;
  const ids = useMemo(() => listing.items.map((item) => item.id), [listing.items]);
  const selection = useSelection(ids);
  const actions = useItemActions(folderId, listing.items);
  const uploads = useUploads();
  const drop = useDropUpload(folderId, { enabled: access.upload });
  const [focusedIndex, setFocusedIndex] = useState(0);
  const [query, setQuery] = useState("");
  const searchInput = useRef<HTMLInputElement>(null);
  const selectedItems = listing.items.filter((item) => selection.selected.has(item.id));
  const { setDialog } = actions;

  useEffect(() => {
    // Page-wide keys; those of the listing itself are on the listing.
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey || document.querySelector("dialog[open]")) return;
      if (event.key === "?") setDialog({ kind: "help" });
      else if (event.key === "/") searchInput.current?.focus();
      else if (event.key === "N" && event.shiftKey && access.upload) setDialog({ kind: "new-folder" });
      else if (event.key === "u" && access.upload) uploads.choose("files", folderId);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [setDialog, access.upload, uploads, folderId]);

  const view: ItemViewProps = {
    items: listing.items,
    selected: selection.selected,
    focusedIndex: Math.min(focusedIndex, Math.max(0, listing.items.length - 1)),
    onFocusIndex: setFocusedIndex,
    onSelect: selection.select,
    onOpen: actions.open,
    canUpload: access.upload,
    onKeyDown: itemKeyHandler({
      items: listing.items,
      focusedIndex,
      setFocusedIndex,
      selected: selection.selected,
      select: selection.select,
      selectAll: selection.selectAll,
      clear: selection.clear,
      open: actions.open,
      trash: actions.trashItems,
      rename: (item) => setDialog({ kind: "rename", item }),
      share: (item) => setDialog({ kind: "share", item }),
      canEdit: access.edit,
      canShare: mayShare,
      grid: preferences.view === "grid",
    }),
  };

  if (folderId && isAddOnly(listing.error)) return <AddOnlyFolder folderId={folderId} message={errorMessage(listing.error)} />;

  return (
    <div {...drop.props} className={`relative space-y-4 rounded-xl ${selectedItems.length > 0 ? "pb-32 sm:pb-0" : ""} ${drop.over ? "outline-2 outline-offset-4 outline-dashed outline-brand-500" : ""}`}>
      {drop.over ? <p className="pointer-events-none absolute inset-x-0 top-0 z-30 mx-auto w-fit rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white shadow">Drop to upload here</p> : null}
      {access.upload ? (
        <div className="flex flex-wrap items-center gap-2">
          <UploadButtons folderId={folderId} />
          <Button variant="secondary" onClick={() => setDialog({ kind: "new-folder" })}>New folder</Button>
        </div>
      ) : listing.access ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">You can view and download what is in this folder, but not change it.</p>
      ) : null}
      <FilesToolbar preferences={preferences} onChange={setPreferences} query={query} onQuery={setQuery} searchInput={searchInput} onHelp={() => setDialog({ kind: "help" })} />
      <UploadPanel folderId={folderId} />
      {actions.notice ? (
        <Alert tone={actions.notice.tone}>
          <span className="flex flex-wrap items-center justify-between gap-2">
            {actions.notice.text}
            <span className="flex gap-1">
              {actions.notice.undo ? <Button variant="ghost" className="px-2 py-0.5" onClick={actions.notice.undo}>Undo</Button> : null}
              <Button variant="ghost" className="px-2 py-0.5" aria-label="Dismiss" onClick={() => actions.setNotice(null)}>×</Button>
            </span>
          </span>
        </Alert>
      ) : null}
      {query.trim() ? (
        <SearchResults query={query} onOpen={actions.open} />
      ) : (
        <>
          <Breadcrumbs path={listing.path} top={listing.inWorkspace ? "workspace" : access.own ? "mine" : "shared"} />
          {selectedItems.length > 0 ? (
            <SelectionBar
              items={selectedItems}
              onDownload={() => actions.download(selectedItems)}
              onRename={() => setDialog({ kind: "rename", item: selectedItems[0]! })}
              onMove={() => setDialog({ kind: "move", items: selectedItems })}
              onCopy={() => setDialog({ kind: "copy", items: selectedItems })}
              onVersions={() => setDialog({ kind: "versions", item: selectedItems[0]! })}
              onTrash={() => actions.trashItems(selectedItems)}
              onShare={() => setDialog({ kind: "share", item: selectedItems[0]! })}
              onClear={selection.clear}
              canEdit={access.edit}
              canShare={mayShare}
            />
          ) : null}
          {listing.isPending ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
          ) : listing.error ? (
            <Alert>
              {errorMessage(listing.error)} <Link href="/files" className="underline">Go to My files</Link>
            </Alert>
          ) : listing.items.length === 0 ? (
            <EmptyState title={folderId ? "This folder is empty" : "No files yet"}>
              {access.upload ? <>Drop files or folders here, or use <strong>Upload files</strong>. </> : null}
              {uploads.tasks.length === 0 ? "Press ? to see the keyboard shortcuts." : null}
            </EmptyState>
          ) : preferences.view === "grid" ? (
            <ItemGrid {...view} />
          ) : (
            <ItemTable {...view} allSelected={selectedItems.length === listing.items.length} onToggleAll={selectedItems.length === listing.items.length ? selection.clear : selection.selectAll} />
          )}
          {listing.loadMore ? (
            <div className="flex justify-center">
              <Button variant="secondary" busy={listing.loadingMore} onClick={listing.loadMore}>Load more</Button>
            </div>
          ) : null}
        </>
      )}
      {actions.dialogs}
      <ConflictDialog />
    </div>
  );
}
