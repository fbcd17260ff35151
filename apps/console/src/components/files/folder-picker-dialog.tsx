"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { FileIcon } from "./file-icon";

type FolderPickerProps = {
  title: string;
  confirmLabel: string;
  startIn: string | null;
  /** Folders that cannot be the destination (the ones being moved: not into themselves). */
  excludeIds?: ReadonlySet<string>;
  onPick(folderId: string | null): Promise<unknown>;
  /** Given, files are listed too and choosing one calls this instead (attaching a file from Files). */
  onPickFile?(file: { id: string; name: string }): Promise<unknown>;
  onClose(): void;
};

/** Browse your folders and pick one: for move, copy, and restoring from the trash; or pick a file in them. */
export function FolderPickerDialog({ title, confirmLabel, startIn, excludeIds = new Set(), onPick, onPickFile, onClose }: FolderPickerProps) {
  const trpc = useTRPC();
  const [folderId, setFolderId] = useState<string | null>(startIn);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listing = useQuery(trpc.files.list.queryOptions({ folderId, sort: "name", direction: "asc", offset: 0 }));
  const folders = listing.data?.items.filter((item) => item.kind === "FOLDER" || (onPickFile && item.kind === "FILE")) ?? [];
  const trail = [{ id: null as string | null, name: "My files" }, ...(listing.data?.path ?? [])];
  const here = trail[trail.length - 1]!;
  const pick = async (choose: () => Promise<unknown> = () => onPick(folderId)) => {
    setBusy(true);
    setError(null);
    try {
      await choose();
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          {onPickFile ? null : (
            <Button busy={busy} disabled={folderId !== null && excludeIds.has(folderId)} onClick={() => void pick()}>
              {confirmLabel} “{here.name}”
            </Button>
          )}
        </>
      }
    >
      <nav aria-label="Destination path">
        <ol className="flex flex-wrap items-center gap-1">
          {trail.map((crumb, index) => (
            <li key={crumb.id ?? "top"} className="flex items-center gap-1">
              {index > 0 ? <span aria-hidden className="text-zinc-400">›</span> : null}
              <button type="button" onClick={() => setFolderId(crumb.id)} aria-current={index === trail.length - 1 ? "location" : undefined} className="rounded px-1 text-brand-600 hover:underline aria-[current]:font-medium aria-[current]:text-zinc-900 dark:text-brand-400 dark:aria-[current]:text-zinc-100">
                {crumb.name}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="mt-3 h-64 overflow-y-auto rounded-md border border-zinc-200 dark:border-zinc-800">
        {listing.isPending ? (
          <p className="p-3 text-zinc-500">Loading…</p>
        ) : listing.error ? (
          <div className="p-3"><Alert>{errorMessage(listing.error)}</Alert></div>
        ) : folders.length === 0 ? (
          <p className="p-3 text-zinc-500 dark:text-zinc-400">{onPickFile ? "Nothing in here." : "No folders in here."}</p>
        ) : (
          <ul aria-label={onPickFile ? "Files and folders" : "Folders"}>
            {folders.map((folder) => (
              <li key={folder.id}>
                <button
                  type="button"
                  disabled={excludeIds.has(folder.id) || busy}
                  onClick={() => (folder.kind === "FILE" && onPickFile ? void pick(() => onPickFile(folder)) : setFolderId(folder.id))}
                  className="flex w-full items-center gap-2 px-3 py-2 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50 dark:hover:bg-zinc-800"
                >
                  <FileIcon item={folder} />
                  <span className="truncate">{folder.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {error ? <div className="mt-3"><Alert>{error}</Alert></div> : null}
    </Dialog>
  );
}
