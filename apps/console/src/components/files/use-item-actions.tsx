"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { ShareDialog } from "@/components/sharing/share-dialog";
import { opensAs, type FileItem } from "./file-kinds";
import { folderHref } from "./folder-href";
import { FolderPickerDialog } from "./folder-picker-dialog";
import { startDownload, useFileUrls } from "./file-urls";
import { NameDialog } from "./name-dialog";
import { PreviewDialog } from "./preview-dialog";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { VersionsDialog } from "./versions-dialog";

export type ItemDialog =
  | { kind: "new-folder" }
  | { kind: "rename"; item: FileItem }
  | { kind: "move" | "copy"; items: FileItem[] }
  | { kind: "versions"; item: FileItem }
  | { kind: "preview"; item: FileItem }
  | { kind: "share"; item: FileItem }
  | { kind: "help" };

export type Notice = { tone: "success" | "error"; text: string; undo?: () => void };

const count = (items: { length: number }) => (items.length === 1 ? "1 item" : `${items.length} items`);

/** The operations on items of the folder on screen, their dialogs, and what they report back. */
export function useItemActions(folderId: string | null, items: FileItem[]) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const urls = useFileUrls();
  const [dialog, setDialog] = useState<ItemDialog | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.files.pathFilter());
  const options = { onSettled: () => void refresh() };
  const createFolder = useMutation(trpc.files.createFolder.mutationOptions(options));
  const rename = useMutation(trpc.files.rename.mutationOptions(options));
  const move = useMutation(trpc.files.move.mutationOptions(options));
  const copy = useMutation(trpc.files.copy.mutationOptions(options));
  const trash = useMutation(trpc.files.trash.mutationOptions(options));
  const restore = useMutation(trpc.files.restore.mutationOptions(options));
  const failed = (error: unknown) => setNotice({ tone: "error", text: errorMessage(error) });

  // A shortcut opens what it leads to: the shared folder in the browser, or the file's preview.
  const open = (item: FileItem) => {
    const opened = opensAs(item);
    if (opened.kind === "FOLDER") router.push(folderHref(opened.id));
    else if (opened.kind === "FILE") setDialog({ kind: "preview", item: opened });
  };

  const trashItems = (targets: FileItem[]) => {
    const itemIds = targets.map((t) => t.id);
    trash.mutate(
      { itemIds },
      {
        onSuccess: () =>
          setNotice({
            tone: "success",
            text: targets.length === 1 ? `Moved “${targets[0]!.name}” to the trash.` : `Moved ${count(targets)} to the trash.`,
            undo: () => {
              setNotice(null);
              void Promise.all(itemIds.map((itemId) => restore.mutateAsync({ itemId }))).catch(failed);
            },
          }),
        onError: failed,
      },
    );
  };

  const download = (targets: FileItem[]) => {
    const opened = targets.map(opensAs);
    const only = opened.length === 1 ? opened[0]! : null;
    startDownload(only?.kind === "FILE" ? urls.content(only.id) : urls.zip(opened.map((t) => t.id)));
  };

  const close = () => setDialog(null);
  const siblings = items.map(opensAs).filter((item) => item.kind === "FILE");
  let dialogs: ReactNode = null;
  if (dialog?.kind === "new-folder") {
    dialogs = <NameDialog title="New folder" label="Folder name" initial="" submitLabel="Create" onClose={close} onSubmit={(name) => createFolder.mutateAsync({ parentId: folderId, name })} />;
  } else if (dialog?.kind === "rename") {
    const { item } = dialog;
    dialogs = <NameDialog title={`Rename “${item.name}”`} label="New name" initial={item.name} submitLabel="Rename" onClose={close} onSubmit={(name) => rename.mutateAsync({ itemId: item.id, name })} />;
  } else if (dialog?.kind === "move" || dialog?.kind === "copy") {
    const { items: targets, kind } = dialog;
    const moving = kind === "move";
    dialogs = (
      <FolderPickerDialog
        title={`${moving ? "Move" : "Copy"} ${targets.length === 1 ? `“${targets[0]!.name}”` : count(targets)}`}
        confirmLabel={moving ? "Move to" : "Copy to"}
        startIn={folderId}
        // A folder cannot go into itself; copies can go anywhere but into what is copied.
        excludeIds={new Set(targets.filter((t) => t.kind === "FOLDER").map((t) => t.id))}
        onClose={close}
        onPick={async (destination) => {
          await (moving ? move : copy).mutateAsync({ itemIds: targets.map((t) => t.id), folderId: destination });
          setNotice({ tone: "success", text: `${moving ? "Moved" : "Copied"} ${count(targets)}.` });
        }}
      />
    );
  } else if (dialog?.kind === "versions") {
    dialogs = <VersionsDialog file={dialog.item} onClose={close} />;
  } else if (dialog?.kind === "preview") {
    dialogs = <PreviewDialog file={dialog.item} siblings={siblings} onShow={(item) => setDialog({ kind: "preview", item })} onClose={close} />;
  } else if (dialog?.kind === "share") {
    dialogs = <ShareDialog item={dialog.item} onClose={close} />;
  } else if (dialog?.kind === "help") {
    dialogs = <ShortcutsDialog onClose={close} />;
  }

  return { dialog, setDialog, dialogs, notice, setNotice, open, trashItems, download };
}
