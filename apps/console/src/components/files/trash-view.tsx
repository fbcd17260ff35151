"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { EmptyState } from "@awan/ui/empty-state";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useRef, useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { FileIcon } from "./file-icon";
import type { TrashedItem } from "./file-kinds";
import { folderHref } from "./folder-href";
import { FolderPickerDialog } from "./folder-picker-dialog";
import { formatModified } from "./item-views";
import { useFocusAppended } from "./use-focus-appended";

const pathText = (path: { name: string }[]) => ["My files", ...path.map((p) => p.name)].join(" › ");

type Confirm = { kind: "empty" } | { kind: "delete"; item: TrashedItem };

/**
 * What you deleted: restore it (choosing where, when its folder is gone too),
 * delete it for good, or empty the trash. The files housekeeping purges
 * trashed items `keptDays` after they were trashed (AWAN_TRASH_DAYS). The
 * server sends 100 at a time; "Load more" appends the next page.
 */
export function TrashView({ keptDays }: { keptDays: number }) {
  const purgeDate = (trashedAt: Date) => new Date(trashedAt.getTime() + keptDays * 86_400_000);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Infinite, not a page per cursor: a refresh after a restore re-reads the pages in a row, each from the one before.
  const trash = useInfiniteQuery(trpc.files.listTrash.infiniteQueryOptions({}, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const items = trash.data?.pages.flatMap((page) => page.items) ?? [];
  const total = trash.data?.pages[0]?.total ?? 0;
  const listRef = useRef<HTMLUListElement>(null);
  const focusAppended = useFocusAppended(listRef, items.length);
  const refresh = () => void queryClient.invalidateQueries(trpc.files.pathFilter());
  const [notice, setNotice] = useState<{ text: string; folderId: string | null } | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [restoreInto, setRestoreInto] = useState<TrashedItem | null>(null);
  const restore = useMutation(trpc.files.restore.mutationOptions({ onSettled: refresh }));
  const deleteForever = useMutation(trpc.files.deleteForever.mutationOptions({ onSettled: refresh }));
  const emptyTrash = useMutation(trpc.files.emptyTrash.mutationOptions({ onSettled: refresh }));
  const error = restore.error ?? deleteForever.error ?? emptyTrash.error;

  const restoreItem = (item: TrashedItem) => {
    if (!item.originalFolderAvailable) return setRestoreInto(item);
    restore.mutate(
      { itemId: item.id },
      {
        onSuccess: (done) => setNotice({ text: `Restored “${done.name}” to ${pathText(item.originalPath)}.`, folderId: done.folderId }),
        // Its folder went to the trash meanwhile: ask where instead.
        onError: (cause) => {
          if (cause instanceof TRPCClientError && cause.data?.code === "CONFLICT") setRestoreInto(item);
        },
      },
    );
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Items in the trash are deleted for good {keptDays} days after they were put there.</p>
        {items.length > 0 ? <Button variant="danger" onClick={() => setConfirm({ kind: "empty" })}>Empty trash</Button> : null}
      </div>
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      {notice ? (
        <Alert tone="success">
          {notice.text} <Link href={folderHref(notice.folderId)} className="underline">Show it</Link>
        </Alert>
      ) : null}
      {trash.isPending ? (
        <p className="text-sm text-zinc-500">Loading…</p>
      ) : !trash.data ? (
        <Alert>{errorMessage(trash.error)}</Alert>
      ) : items.length === 0 ? (
        <EmptyState title="The trash is empty">Files and folders you delete stay here for {keptDays} days, so you can restore them.</EmptyState>
      ) : (
        <ul ref={listRef} aria-label="Trash" className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {items.map((item) => (
            <li key={item.id} aria-label={item.name} tabIndex={-1} className="flex flex-wrap items-center gap-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-brand-500">
              <FileIcon item={item} />
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">{item.name}</p>
                <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                  From {item.originalFolderAvailable ? pathText(item.originalPath) : "a folder that is in the trash too"} · {item.kind === "FOLDER" ? "Folder" : formatBytes(item.size)} · deleted {formatModified(item.trashedAt)}, gone for good {formatModified(purgeDate(item.trashedAt))}
                </p>
              </div>
              <Button variant="secondary" busy={restore.isPending && restore.variables?.itemId === item.id} onClick={() => restoreItem(item)}>Restore</Button>
              <Button variant="ghost" aria-label={`Delete “${item.name}” forever`} onClick={() => setConfirm({ kind: "delete", item })}>Delete forever</Button>
            </li>
          ))}
        </ul>
      )}
      {trash.hasNextPage ? (
        <div className="flex flex-col items-center gap-1">
          {trash.isFetchNextPageError ? <Alert>{errorMessage(trash.error)}</Alert> : null}
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Showing {items.length.toLocaleString()} of {total.toLocaleString()} items in the trash.</p>
          <Button
            variant="secondary"
            busy={trash.isFetchingNextPage}
            onClick={() => {
              focusAppended();
              void trash.fetchNextPage();
            }}
          >
            Load more
          </Button>
        </div>
      ) : null}
      {confirm ? (
        <Dialog
          title={confirm.kind === "empty" ? "Empty the trash?" : `Delete “${confirm.item.name}” forever?`}
          onClose={() => setConfirm(null)}
          size="sm"
          actions={
            <>
              <Button variant="ghost" onClick={() => setConfirm(null)}>Cancel</Button>
              <Button
                variant="danger"
                busy={emptyTrash.isPending || deleteForever.isPending}
                onClick={() =>
                  (confirm.kind === "empty" ? emptyTrash.mutateAsync() : deleteForever.mutateAsync({ itemIds: [confirm.item.id] })).then(
                    () => setConfirm(null),
                    () => setConfirm(null),
                  )
                }
              >
                {confirm.kind === "empty" ? "Empty trash" : "Delete forever"}
              </Button>
            </>
          }
        >
          <p>{confirm.kind === "empty" ? `All ${total.toLocaleString()} ${total === 1 ? "item" : "items"} in the trash and all their versions are deleted. This cannot be undone.` : "It and all its versions are deleted. This cannot be undone."}</p>
        </Dialog>
      ) : null}
      {restoreInto ? (
        <FolderPickerDialog
          title={`Restore “${restoreInto.name}”`}
          confirmLabel="Restore to"
          startIn={null}
          onClose={() => setRestoreInto(null)}
          onPick={async (folderId) => {
            const done = await restore.mutateAsync({ itemId: restoreInto.id, folderId });
            setNotice({ text: `Restored “${done.name}”.`, folderId: done.folderId });
          }}
        />
      ) : null}
    </div>
  );
}
