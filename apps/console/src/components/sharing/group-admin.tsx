"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Card } from "@awan/ui/card";
import { TextField } from "@awan/ui/field";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { NameDialog } from "@/components/files/name-dialog";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { GroupMembers } from "./group-members";

type Group = RouterOutputs["groups"]["list"][number];

/** Admin → Groups: make groups of the organization's people, to share files with them at once. */
export function GroupAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const groups = useQuery(trpc.groups.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.groups.pathFilter());
  const [name, setName] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<Group | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const create = useMutation(trpc.groups.create.mutationOptions({ onSettled: () => void refresh(), onSuccess: (group) => { setName(""); setOpen(group.id); } }));
  const rename = useMutation(trpc.groups.rename.mutationOptions({ onSettled: () => void refresh() }));
  const remove = useMutation(trpc.groups.delete.mutationOptions({ onSettled: () => { setConfirming(null); void refresh(); } }));

  return (
    <div className="space-y-6">
      <Card title="New group" description="Share files and folders with everyone in a group at once. Members and guests of the organization can be in groups.">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ name });
          }}
          className="flex flex-wrap items-end gap-2"
        >
          <div className="min-w-48 flex-1">
            <TextField label="Group name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          </div>
          <Button type="submit" busy={create.isPending} disabled={name.trim() === ""}>Create group</Button>
        </form>
        {create.error ? <div className="mt-3"><Alert>{errorMessage(create.error)}</Alert></div> : null}
      </Card>
      <Card title="Groups" description={groups.data ? `${groups.data.length} ${groups.data.length === 1 ? "group" : "groups"}` : undefined}>
        {remove.error ? <div className="mb-3"><Alert>{errorMessage(remove.error)}</Alert></div> : null}
        {groups.isPending ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
        ) : groups.error ? (
          <Alert>{errorMessage(groups.error)}</Alert>
        ) : groups.data.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No groups yet.</p>
        ) : (
          <ul aria-label="Groups" className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {groups.data.map((group) => (
              <li key={group.id} className="py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    <span className="font-medium">{group.name}</span>
                    <span className="ml-2 text-sm text-zinc-500 dark:text-zinc-400">{group.memberCount} {group.memberCount === 1 ? "person" : "people"}</span>
                  </span>
                  <span className="flex flex-wrap gap-1">
                    <Button variant="ghost" aria-expanded={open === group.id} aria-label={`Members of ${group.name}`} onClick={() => setOpen(open === group.id ? null : group.id)}>Members</Button>
                    <Button variant="ghost" aria-label={`Rename ${group.name}`} onClick={() => setRenaming(group)}>Rename</Button>
                    {confirming === group.id ? (
                      <>
                        <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate({ groupId: group.id })}>Delete “{group.name}”</Button>
                        <Button variant="ghost" onClick={() => setConfirming(null)}>Cancel</Button>
                      </>
                    ) : (
                      <Button variant="ghost" className="text-red-700 dark:text-red-400" aria-label={`Delete ${group.name}`} onClick={() => setConfirming(group.id)}>Delete</Button>
                    )}
                  </span>
                </div>
                {confirming === group.id ? <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">What was shared with the group will no longer reach its members through it.</p> : null}
                {open === group.id ? <GroupMembers groupId={group.id} onChanged={refresh} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {renaming ? (
        <NameDialog
          title={`Rename “${renaming.name}”`}
          label="Group name"
          initial={renaming.name}
          submitLabel="Rename"
          onClose={() => setRenaming(null)}
          onSubmit={(newName) => rename.mutateAsync({ groupId: renaming.id, name: newName })}
        />
      ) : null}
    </div>
  );
}
