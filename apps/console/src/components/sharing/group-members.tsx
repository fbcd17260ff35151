"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";

const CONTROL = "min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** A group's people, with Remove for each, and a way to add someone of the organization. */
export function GroupMembers({ groupId, onChanged }: { groupId: string; onChanged(): void }) {
  const trpc = useTRPC();
  const group = useQuery(trpc.groups.members.queryOptions({ groupId }));
  const people = useQuery(trpc.member.list.queryOptions());
  const [chosen, setChosen] = useState("");
  const settled = { onSettled: () => { void group.refetch(); onChanged(); } };
  const add = useMutation(trpc.groups.addMembers.mutationOptions({ ...settled, onSuccess: () => setChosen("") }));
  const remove = useMutation(trpc.groups.removeMember.mutationOptions(settled));
  const inGroup = new Set(group.data?.members.map((m) => m.id));
  const addable = (people.data ?? []).filter((p) => !inGroup.has(p.id));
  const error = add.error ?? remove.error ?? group.error;

  return (
    <div className="mt-3 space-y-3 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-950">
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen) add.mutate({ groupId, userIds: [chosen] });
        }}
        className="flex flex-wrap items-center gap-2"
      >
        <select aria-label="Person to add" value={chosen} onChange={(e) => setChosen(e.target.value)} className={CONTROL}>
          <option value="">Choose someone to add…</option>
          {addable.map((p) => (
            <option key={p.id} value={p.id}>{p.name} ({p.email}){p.role === "GUEST" ? " · guest" : ""}</option>
          ))}
        </select>
        <Button type="submit" variant="secondary" busy={add.isPending} disabled={!chosen}>Add to group</Button>
      </form>
      {group.isPending ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
      ) : group.data && group.data.members.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Nobody is in this group yet.</p>
      ) : (
        <ul aria-label={`People in ${group.data?.name ?? "the group"}`} className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {group.data?.members.map((m) => (
            <li key={m.id} className="flex items-center justify-between gap-2 py-1.5">
              <span className="min-w-0 truncate"><span className="font-medium">{m.name}</span> <span className="text-zinc-500 dark:text-zinc-400">{m.email}</span></span>
              <Button variant="ghost" aria-label={`Remove ${m.name} from the group`} busy={remove.isPending && remove.variables?.userId === m.id} onClick={() => remove.mutate({ groupId, userId: m.id })}>Remove</Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
