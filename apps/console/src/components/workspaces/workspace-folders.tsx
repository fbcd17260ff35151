"use client";

import { Alert } from "@awan/ui/alert";
import { EmptyState } from "@awan/ui/empty-state";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { folderHref } from "@/components/files/folder-href";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { WorkspaceTrash } from "./workspace-trash";

/** Files → Workspaces: the shared folder of each workspace one is in. */
export function WorkspaceFolders() {
  const trpc = useTRPC();
  const folders = useQuery(trpc.workspaces.folders.queryOptions());
  const [trashOf, setTrashOf] = useState<string | null>(null);
  if (folders.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>;
  if (folders.error) return <Alert>{errorMessage(folders.error)}</Alert>;
  if (folders.data.length === 0) {
    return (
      <EmptyState title="No workspace folders">
        Each workspace you are in has a shared folder. <Link href="/workspaces" className="text-brand-600 underline">Find or create a workspace</Link>.
      </EmptyState>
    );
  }
  return (
    <ul aria-label="Workspace folders" className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
      {folders.data.map((f) => (
        <li key={f.workspaceId}>
          <div className="flex items-center gap-2 pr-2">
          <Link href={folderHref(f.folderId)} className="flex min-w-0 flex-1 items-center justify-between gap-2 px-4 py-3 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:bg-zinc-900">
            <span className="flex items-center gap-2 font-medium">
              <svg aria-hidden viewBox="0 0 24 24" className="size-5 text-brand-600" fill="none" stroke="currentColor" strokeWidth={1.75}>
                <path strokeLinecap="round" strokeLinejoin="round" d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />
              </svg>
              {f.name}
            </span>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{f.canWrite ? "Read and write" : "Read only"}</span>
          </Link>
          {f.canWrite ? (
            <button
              type="button"
              aria-expanded={trashOf === f.workspaceId}
              aria-label={`Trash of ${f.name}`}
              onClick={() => setTrashOf(trashOf === f.workspaceId ? null : f.workspaceId)}
              className="rounded px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-zinc-400 dark:hover:bg-zinc-800"
            >
              Trash
            </button>
          ) : null}
          </div>
          {trashOf === f.workspaceId ? <WorkspaceTrash workspaceId={f.workspaceId} workspaceName={f.name} /> : null}
        </li>
      ))}
    </ul>
  );
}
