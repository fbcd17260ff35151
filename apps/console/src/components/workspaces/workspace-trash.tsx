"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/lib/trpc";

/** A workspace folder's trash, for its admins and members: restore an item where it was, or delete it for good. */
export function WorkspaceTrash({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const trash = useQuery(trpc.workspaces.trash.queryOptions({ workspaceId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.workspaces.trash.queryKey({ workspaceId }) });
  const restore = useMutation(trpc.files.restore.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.files.deleteForever.mutationOptions({ onSettled: refresh }));
  const error = trash.error ?? restore.error ?? remove.error;

  return (
    <div className="space-y-2 px-4 pb-3">
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      {trash.isPending ? <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p> : null}
      {trash.data && trash.data.length === 0 ? <p className="text-sm text-zinc-500 dark:text-zinc-400">The trash of {workspaceName} is empty.</p> : null}
      {trash.data && trash.data.length > 0 ? (
        <ul aria-label={`Trash of ${workspaceName}`} className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {trash.data.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <span className="min-w-0 truncate">
                {item.kind === "FOLDER" ? "📁 " : ""}
                {item.name} <span className="text-zinc-500 dark:text-zinc-400">· {new Date(item.trashedAt).toLocaleString()}</span>
              </span>
              <span className="flex gap-1">
                <Button variant="secondary" aria-label={`Restore ${item.name}`} busy={restore.isPending && restore.variables?.itemId === item.id} onClick={() => restore.mutate({ itemId: item.id })}>
                  Restore
                </Button>
                <Button variant="ghost" aria-label={`Delete ${item.name} for good`} busy={remove.isPending && remove.variables?.itemIds[0] === item.id} onClick={() => remove.mutate({ itemIds: [item.id] })}>
                  Delete for good
                </Button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
