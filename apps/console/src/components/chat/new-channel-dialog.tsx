"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { SelectField, TextField } from "@awan/ui/field";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";

type Props = {
  /** Where it may go; with none (still loading) it goes in the default workspace. */
  workspaces: { id: string; name: string; isDefault: boolean }[];
  initialWorkspaceId: string | undefined;
  onCreated(channelId: string): void;
  onClose(): void;
};

/** A new channel: its workspace, its name (the server's rules and verdict shown in place) and who may find it. */
export function NewChannelDialog({ workspaces, initialWorkspaceId, onCreated, onClose }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [isPrivate, setIsPrivate] = useState(false);
  const [workspaceId, setWorkspaceId] = useState(
    workspaces.find((w) => w.id === initialWorkspaceId)?.id ?? workspaces.find((w) => w.isDefault)?.id ?? workspaces[0]?.id ?? "",
  );
  const workspaceName = workspaces.find((w) => w.id === workspaceId)?.name ?? "the workspace";
  const create = useMutation(
    trpc.chat.createChannel.mutationOptions({
      onSuccess: async (channel) => {
        await queryClient.invalidateQueries({ queryKey: trpc.chat.channels.queryKey() });
        onCreated(channel.id);
        onClose();
      },
    }),
  );
  return (
    <Dialog title="New channel" onClose={onClose} size="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ name, isPrivate, ...(workspaceId ? { workspaceId } : {}) });
        }}
        className="space-y-4"
      >
        {workspaces.length > 1 ? (
          <SelectField label="Workspace" value={workspaceId} onChange={(e) => setWorkspaceId(e.target.value)}>
            {workspaces.map((w) => (
              <option key={w.id} value={w.id}>{w.name}</option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          autoFocus
          label="Channel name"
          hint="Letters, digits, - and _, without spaces."
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium text-zinc-800 dark:text-zinc-200">Who can find it</legend>
          <label className="flex items-start gap-2">
            <input type="radio" name="visibility" checked={!isPrivate} onChange={() => setIsPrivate(false)} className="mt-1" />
            <span>
              Public <span className="block text-xs text-zinc-500 dark:text-zinc-400">Everyone in {workspaceName} can see and join it.</span>
            </span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="visibility" checked={isPrivate} onChange={() => setIsPrivate(true)} className="mt-1" />
            <span>
              Private <span className="block text-xs text-zinc-500 dark:text-zinc-400">Only the people you add can see it.</span>
            </span>
          </label>
        </fieldset>
        {create.error ? <Alert>{errorMessage(create.error)}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button type="submit" busy={create.isPending} disabled={name.trim() === ""}>Create channel</Button>
        </div>
      </form>
    </Dialog>
  );
}
