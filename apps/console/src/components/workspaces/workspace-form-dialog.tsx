"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { TextField } from "@awan/ui/field";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, fieldError, useTRPC } from "@/lib/trpc";

type Existing = { id: string; name: string; isPrivate: boolean; isDefault: boolean };

/** Creates a workspace, or renames one and makes it private or open. */
export function WorkspaceFormDialog({ workspace, onDone, onClose }: { workspace?: Existing; onDone(workspaceId: string): void; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(workspace?.name ?? "");
  const [isPrivate, setIsPrivate] = useState(workspace?.isPrivate ?? false);
  const done = async (saved: { id: string }) => {
    await queryClient.invalidateQueries({ queryKey: trpc.workspaces.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.chat.channels.queryKey() });
    onDone(saved.id);
    onClose();
  };
  const create = useMutation(trpc.workspaces.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.workspaces.update.mutationOptions({ onSuccess: done }));
  const save = workspace ? update : create;
  const error = create.error ?? update.error;

  return (
    <Dialog title={workspace ? `Edit ${workspace.name}` : "New workspace"} onClose={onClose} size="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (workspace) update.mutate({ workspaceId: workspace.id, name, isPrivate });
          else create.mutate({ name, isPrivate });
        }}
        className="space-y-4"
      >
        <TextField autoFocus label="Workspace name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, "name")} required />
        {workspace?.isDefault ? null : (
          <label className="flex items-start gap-2">
            <input type="checkbox" checked={isPrivate} onChange={(e) => setIsPrivate(e.target.checked)} className="mt-1" />
            <span>
              Private
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                Only the people added to it see it. Otherwise every member of the organization can find and join it.
              </span>
            </span>
          </label>
        )}
        {error && !fieldError(error, "name") ? <Alert>{errorMessage(error)}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button type="submit" busy={save.isPending} disabled={name.trim() === ""}>{workspace ? "Save" : "Create workspace"}</Button>
        </div>
      </form>
    </Dialog>
  );
}
