"use client";

import type { RouterOutputs } from "@awan/backend";
import { formatBytes } from "@awan/backend/format-bytes";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { EmptyState } from "@awan/ui/empty-state";
import { keepPreviousData, useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { FileIcon } from "@/components/files/file-icon";
import type { FileItem } from "@/components/files/file-kinds";
import { startDownload, useFileUrls } from "@/components/files/file-urls";
import { folderHref } from "@/components/files/folder-href";
import { FolderPickerDialog } from "@/components/files/folder-picker-dialog";
import { formatModified, formatModifiedExactly } from "@/components/files/item-views";
import { PreviewDialog } from "@/components/files/preview-dialog";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { ROLE_LABELS } from "./share-roles";

type SharedItem = RouterOutputs["sharing"]["sharedWithMe"]["items"][number];

/** A shared file as the preview dialog takes it. */
const asFile = (item: SharedItem): FileItem => ({ id: item.id, parentId: null, kind: item.kind, name: item.name, size: item.size, contentType: item.contentType, modifiedAt: item.modifiedAt, target: null });

/**
 * What others shared with the person, newest share first: folders open in the
 * file browser, files in the preview; "Add to My files" puts a shortcut in a
 * folder of theirs.
 */
export function SharedWithMe({ canAddToMyFiles }: { canAddToMyFiles: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const urls = useFileUrls();
  const [offsets, setOffsets] = useState([0]);
  const pages = useQueries({ queries: offsets.map((offset) => ({ ...trpc.sharing.sharedWithMe.queryOptions({ offset }), placeholderData: keepPreviousData })) });
  const items = pages.flatMap((p) => p.data?.items ?? []);
  const first = pages[0]!;
  const nextOffset = pages[pages.length - 1]!.data?.nextOffset ?? null;
  const [previewing, setPreviewing] = useState<FileItem | null>(null);
  const [adding, setAdding] = useState<SharedItem | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const addToMyFiles = useMutation(trpc.sharing.addToMyFiles.mutationOptions({ onSettled: () => void queryClient.invalidateQueries(trpc.files.pathFilter()) }));
  const viewableFiles = items.filter((i) => i.kind === "FILE" && i.access.view).map(asFile);

  if (first.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>;
  if (first.error) return <Alert>{errorMessage(first.error)}</Alert>;
  if (items.length === 0) {
    return <EmptyState title="Nothing is shared with you yet">When someone in your organization shares a file or folder with you, or with a group you are in, it shows here.</EmptyState>;
  }

  return (
    <div className="space-y-4">
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <table aria-label="Shared with me" className="w-full table-fixed text-left text-sm">
        <thead className="text-xs uppercase text-zinc-500 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pl-3 pr-4 font-medium">Name</th>
            <th scope="col" className="hidden w-44 py-2 pr-4 font-medium md:table-cell">Owner</th>
            <th scope="col" className="hidden w-36 py-2 pr-4 font-medium sm:table-cell">Your role</th>
            <th scope="col" className="hidden w-32 py-2 pr-4 font-medium lg:table-cell">Shared</th>
            <th scope="col" className="w-40 py-2 pr-3"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {items.map((item) => (
            <tr key={item.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
              <td className="py-2 pl-3 pr-4">
                <div className="flex min-w-0 items-center gap-2">
                  <FileIcon item={item} />
                  <div className="min-w-0">
                    {item.kind === "FOLDER" ? (
                      <Link href={folderHref(item.id)} className="block truncate font-medium hover:underline">{item.name}</Link>
                    ) : item.access.view ? (
                      <button type="button" onClick={() => setPreviewing(asFile(item))} className="block max-w-full truncate text-left font-medium hover:underline">{item.name}</button>
                    ) : (
                      <span className="block truncate font-medium">{item.name}</span>
                    )}
                    <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                      {item.kind === "FOLDER" ? "Folder" : formatBytes(item.size)}
                      <span className="md:hidden"> · {item.owner.name}</span>
                      <span className="sm:hidden"> · {ROLE_LABELS[item.role]}</span>
                    </p>
                  </div>
                </div>
              </td>
              <td className="hidden truncate py-2 pr-4 text-zinc-600 md:table-cell dark:text-zinc-400" title={item.owner.email}>{item.owner.name}</td>
              <td className="hidden py-2 pr-4 text-zinc-600 sm:table-cell dark:text-zinc-400">{ROLE_LABELS[item.role]}</td>
              <td className="hidden py-2 pr-4 text-zinc-600 lg:table-cell dark:text-zinc-400" title={formatModifiedExactly(item.sharedAt)}>{formatModified(item.sharedAt)}</td>
              <td className="py-2 pr-3 text-right">
                {item.kind === "FILE" && item.access.view ? (
                  <Button variant="ghost" className="px-2" aria-label={`Download ${item.name}`} onClick={() => startDownload(urls.content(item.id))}>Download</Button>
                ) : null}
                {canAddToMyFiles && item.access.view ? (
                  <Button variant="ghost" className="px-2" aria-label={`Add ${item.name} to My files`} onClick={() => setAdding(item)}>Add to My files</Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextOffset !== null ? (
        <div className="flex flex-col items-center gap-1">
          <p className="text-sm text-zinc-500 dark:text-zinc-400">More items are shared with you than are shown.</p>
          <Button variant="secondary" busy={pages[pages.length - 1]!.isFetching} onClick={() => setOffsets([...offsets, nextOffset])}>Load more</Button>
        </div>
      ) : null}
      {previewing ? <PreviewDialog file={previewing} siblings={viewableFiles} onShow={setPreviewing} onClose={() => setPreviewing(null)} /> : null}
      {adding ? (
        <FolderPickerDialog
          title={`Add “${adding.name}” to My files`}
          confirmLabel="Add to"
          startIn={null}
          onClose={() => setAdding(null)}
          onPick={async (folderId) => {
            const added = await addToMyFiles.mutateAsync({ itemId: adding.id, folderId });
            setNotice({
              tone: "success",
              text: added.alreadyThere ? `“${adding.name}” is in My files already, as “${added.name}”.` : `Added a shortcut to “${adding.name}” to My files.`,
            });
          }}
        />
      ) : null}
    </div>
  );
}
