"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { TextField } from "@awan/ui/field";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";

/** Up to this many people besides oneself; more make a channel. */
const MAX_PEOPLE = 7;

/** Starts (or reopens) a direct conversation: search people, tick one or a few, write. */
export function NewMessageDialog({ onOpened, onClose }: { onOpened(channelId: string): void; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const candidates = useQuery(trpc.chat.directCandidates.queryOptions());
  const [query, setQuery] = useState("");
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const open = useMutation(
    trpc.chat.openDirect.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.chat.channels.queryKey() });
        onOpened(id);
        onClose();
      },
    }),
  );
  const needle = query.trim().toLowerCase();
  const people = (candidates.data ?? []).filter((p) => needle === "" || p.name.toLowerCase().includes(needle));
  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const full = picked.size >= MAX_PEOPLE;

  return (
    <Dialog title="New message" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          open.mutate({ userIds: [...picked] });
        }}
        className="space-y-4"
      >
        <TextField autoFocus type="search" label="Search people" placeholder="Name" value={query} onChange={(e) => setQuery(e.target.value)} />
        {candidates.error ? <Alert>{errorMessage(candidates.error)}</Alert> : null}
        {candidates.isPending ? <p className="text-zinc-500">Loading people…</p> : null}
        {candidates.data && people.length === 0 ? (
          <p className="text-zinc-600 dark:text-zinc-400">
            {needle ? `No one you can write to matches “${query.trim()}”.` : "There is no one you can write to yet."}
          </p>
        ) : null}
        {people.length > 0 ? (
          <ul aria-label="People" className="max-h-72 space-y-1 overflow-y-auto">
            {people.map((p) => (
              <li key={p.id}>
                <label className="flex items-center gap-2 rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                  <input type="checkbox" checked={picked.has(p.id)} disabled={full && !picked.has(p.id)} onChange={() => toggle(p.id)} aria-label={`Write to ${p.name}`} />
                  <span className="font-medium">{p.name}</span>
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        {full ? <p className="text-xs text-zinc-500">A conversation has at most {MAX_PEOPLE + 1} people. Create a channel for more.</p> : null}
        {open.error ? <Alert>{errorMessage(open.error)}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button type="submit" busy={open.isPending} disabled={picked.size === 0}>
            {picked.size > 1 ? "Start group conversation" : "Start conversation"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
