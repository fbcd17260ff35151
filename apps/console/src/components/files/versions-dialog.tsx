"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/lib/trpc";
import type { FileItem } from "./file-kinds";
import { useFileUrls } from "./file-urls";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A file's versions, newest first: download any, make an older one current again (the current one stays in the list). */
export function VersionsDialog({ file, onClose }: { file: FileItem; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const urls = useFileUrls();
  const versions = useQuery(trpc.files.versions.queryOptions({ fileId: file.id }));
  const restore = useMutation(
    trpc.files.restoreVersion.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.files.pathFilter()) }),
  );
  return (
    <Dialog title={`Versions of “${file.name}”`} onClose={onClose} actions={<Button variant="secondary" onClick={onClose}>Close</Button>}>
      {restore.error ? <div className="mb-3"><Alert>{errorMessage(restore.error)}</Alert></div> : null}
      {restore.isSuccess ? <div className="mb-3"><Alert tone="success">Restored. The version it replaced is kept in this list.</Alert></div> : null}
      {versions.isPending ? (
        <p className="text-zinc-500">Loading…</p>
      ) : versions.error ? (
        <Alert>{errorMessage(versions.error)}</Alert>
      ) : (
        <ol aria-label="Versions" className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {versions.data.map((version, index) => (
            <li key={version.id} aria-label={`Version ${versions.data.length - index}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div>
                <p className="font-medium">
                  {when.format(version.createdAt)}
                  {version.current ? <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700 dark:bg-zinc-800 dark:text-brand-400">Current</span> : null}
                </p>
                <p className="text-xs text-zinc-500 dark:text-zinc-400">{formatBytes(version.size)} · {version.createdBy}</p>
              </div>
              <div className="flex gap-1">
                <a href={urls.content(file.id, { versionId: version.id })} download className="rounded-md px-2 py-1 text-sm text-brand-600 hover:bg-zinc-100 dark:text-brand-400 dark:hover:bg-zinc-800">
                  Download
                </a>
                {!version.current ? (
                  <Button variant="ghost" className="px-2 py-1" busy={restore.isPending && restore.variables?.versionId === version.id} onClick={() => restore.mutate({ fileId: file.id, versionId: version.id })}>
                    Restore
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}
