"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { TextField } from "@awan/ui/field";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";

/** Adds organization members to a channel one administers: search by name or address, tick, add. */
export function AddPeopleDialog({ channelId, channelName, viewerId, onClose }: { channelId: string; channelName: string; viewerId: string; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.member.list.queryOptions());
  const [query, setQuery] = useState("");
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const add = useMutation(
    trpc.chat.addMembers.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.chat.channels.queryKey() });
        onClose();
      },
    }),
  );
  const needle = query.trim().toLowerCase();
  const people = (members.data ?? []).filter(
    (m) => m.id !== viewerId && (needle === "" || m.name.toLowerCase().includes(needle) || m.email.toLowerCase().includes(needle)),
  );
  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Dialog title={`Add people to #${channelName}`} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate({ channelId, userIds: [...picked] });
        }}
        className="space-y-4"
      >
        <TextField autoFocus type="search" label="Search people" placeholder="Name or email" value={query} onChange={(e) => setQuery(e.target.value)} />
        {members.error ? <Alert>{errorMessage(members.error)}</Alert> : null}
        {members.isPending ? <p className="text-zinc-500">Loading people…</p> : null}
        {members.data && people.length === 0 ? (
          <p className="text-zinc-600 dark:text-zinc-400">{needle ? `No one in your organization matches “${query.trim()}”.` : "There is no one else in your organization yet. Invite colleagues from Admin."}</p>
        ) : null}
        {people.length > 0 ? (
          <ul aria-label="People" className="max-h-72 space-y-1 overflow-y-auto">
            {people.map((p) => (
              <li key={p.id}>
                <label className="flex items-center gap-2 rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                  <input type="checkbox" checked={picked.has(p.id)} onChange={() => toggle(p.id)} aria-label={`Add ${p.name}`} />
                  <span>
                    <span className="block font-medium">{p.name}</span>
                    <span className="block text-xs text-zinc-500 dark:text-zinc-400">{p.email}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        {add.error ? <Alert>{errorMessage(add.error)}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button type="submit" busy={add.isPending} disabled={picked.size === 0}>
            {picked.size > 1 ? `Add ${picked.size} people` : "Add"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
