"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { FilePickers, type PickerKind } from "./file-pickers";
import { folderKey, foldersToCreate, type PickedFile } from "./folder-tree";
import { forgetUnfinishedUpload, listUnfinishedUploads, matchUnfinished, type UnfinishedUpload } from "./unfinished-uploads";
import { UploadQueue, type ConflictPolicy, type NewUpload, type UploadTask } from "./upload-queue";

type Uploads = {
  queue: UploadQueue;
  tasks: readonly UploadTask[];
  /** Makes the folders of a folder upload under `parentId`, then queues its files into them. */
  upload(files: PickedFile[], parentId: string | null, emptyFolders?: string[][], onConflict?: ConflictPolicy): Promise<void>;
  /** Opens the browser's picker; what is picked goes into `folderId`, wherever the person is by then. */
  choose(kind: PickerKind, folderId: string | null, onConflict?: ConflictPolicy): void;
  /** A folder upload's folders could not be made; nothing of it was queued. */
  folderError: string | null;
  /** Uploads a reload interrupted, until the person picks their files again or gives them up. */
  unfinished: UnfinishedUpload[];
  continueUnfinished(files: File[], fallbackFolderId: string | null): void;
  forgetUnfinished(upload: UnfinishedUpload): Promise<void>;
};

const UploadsContext = createContext<Uploads | null>(null);

// Finished uploads refresh the listing and the usage bars, at most this often (a folder of 200 files is 200 completions).
const REFRESH_AFTER_MS = 700;

/** Holds the upload queue above the Files pages, so uploads go on while the person browses. */
export function UploadProvider({ organizationId, children }: { organizationId: string; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoint = `/api/files/${organizationId}/uploads`;
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [queue] = useState(
    () =>
      new UploadQueue({
        endpoint,
        batchEndpoint: `/api/files/${organizationId}/batch`,
        onUploaded: () => {
          refreshTimer.current ??= setTimeout(() => {
            refreshTimer.current = null;
            void queryClient.invalidateQueries(trpc.files.pathFilter());
          }, REFRESH_AFTER_MS);
        },
      }),
  );
  const tasks = useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);
  const ensureFolders = useMutation(trpc.files.ensureFolders.mutationOptions());
  const [folderError, setFolderError] = useState<string | null>(null);
  const [unfinished, setUnfinished] = useState<UnfinishedUpload[]>([]);

  useEffect(() => {
    void listUnfinishedUploads(endpoint).then(setUnfinished);
  }, [endpoint]);

  const transferring = tasks.some((t) => t.status === "uploading" || t.status === "queued");
  useEffect(() => {
    if (!transferring) return;
    // Leaving mid-upload is allowed (it resumes later) but should not happen by accident.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [transferring]);

  const upload = useCallback(
    async (files: PickedFile[], parentId: string | null, emptyFolders: string[][] = [], onConflict?: ConflictPolicy) => {
      setFolderError(null);
      const folders = [...foldersToCreate(files), ...emptyFolders];
      let folderIds: Record<string, string> = {};
      if (folders.length > 0) {
        try {
          folderIds = await ensureFolders.mutateAsync({ parentId, paths: folders });
        } catch (error) {
          setFolderError(errorMessage(error));
          return;
        }
        void queryClient.invalidateQueries(trpc.files.list.pathFilter());
      }
      queue.add(
        files.map(({ file, folders: path }): NewUpload => ({
          file,
          folderId: path.length > 0 ? (folderIds[folderKey(path)] ?? parentId) : parentId,
          path: [...path, file.name].join("/"),
          ...(onConflict && { onConflict }),
        })),
      );
    },
    [ensureFolders, queue, queryClient, trpc],
  );

  const pickers = useRef<Record<PickerKind, HTMLInputElement | null>>({ files: null, folder: null });
  const pickTarget = useRef<{ folderId: string | null; onConflict?: ConflictPolicy }>({ folderId: null });
  const choose = useCallback((kind: PickerKind, folderId: string | null, onConflict?: ConflictPolicy) => {
    pickTarget.current = { folderId, onConflict };
    pickers.current[kind]?.click();
  }, []);
  const picked = useCallback((files: PickedFile[]) => void upload(files, pickTarget.current.folderId, [], pickTarget.current.onConflict), [upload]);

  const continueUnfinished = useCallback(
    (files: File[], fallbackFolderId: string | null) => {
      const matched = new Set<string>();
      queue.add(
        files.map((file) => {
          const previous = matchUnfinished(file, unfinished);
          if (previous) matched.add(previous.key);
          // Same destination as before: the fingerprint then finds the upload and tus resumes it.
          return { file, folderId: previous ? previous.folderId : fallbackFolderId, path: file.name };
        }),
      );
      setUnfinished((list) => list.filter((u) => !matched.has(u.key)));
    },
    [queue, unfinished],
  );

  const forgetUnfinished = useCallback(async (upload: UnfinishedUpload) => {
    await forgetUnfinishedUpload(upload);
    setUnfinished((list) => list.filter((u) => u.key !== upload.key));
  }, []);

  const value = useMemo(
    () => ({ queue, tasks, upload, choose, folderError, unfinished, continueUnfinished, forgetUnfinished }),
    [queue, tasks, upload, choose, folderError, unfinished, continueUnfinished, forgetUnfinished],
  );
  return (
    <UploadsContext value={value}>
      <FilePickers inputs={pickers} onPicked={picked} />
      {children}
    </UploadsContext>
  );
}

export function useUploads(): Uploads {
  const uploads = useContext(UploadsContext);
  if (!uploads) throw new Error("useUploads needs an UploadProvider above it.");
  return uploads;
}
