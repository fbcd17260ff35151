"use client";

import { Button } from "@awan/ui/button";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { PresenceDot } from "@/components/presence/presence-dot";
import { StatusDialog } from "@/components/presence/status-dialog";
import { usePresence } from "@/lib/live/presence-hooks";
import { useTRPC } from "@/lib/trpc";

const ORDER = { online: 0, away: 1, offline: 2 } as const;

/** The organization's people with who is online, away or offline and their status; the viewer sets theirs here. */
export function PeoplePanel({ viewerId, canListPeople }: { viewerId: string; canListPeople: boolean }) {
  const trpc = useTRPC();
  const presence = usePresence();
  const members = useQuery(trpc.member.list.queryOptions(undefined, { enabled: canListPeople }));
  const [editing, setEditing] = useState(false);
  const mine = presence.get(viewerId);
  const people = [...(members.data ?? [])].sort(
    (a, b) => ORDER[presence.get(a.id)?.state ?? "offline"] - ORDER[presence.get(b.id)?.state ?? "offline"] || a.name.localeCompare(b.name),
  );

  return (
    <aside aria-label="People" className="hidden w-56 shrink-0 space-y-2 lg:block">
      <Button variant="secondary" className="w-full justify-start" onClick={() => setEditing(true)}>
        {mine?.statusEmoji || mine?.statusText ? `${mine.statusEmoji} ${mine.statusText}`.trim() : "Set a status"}
      </Button>
      {canListPeople ? (
        <ul className="max-h-[60dvh] space-y-1 overflow-y-auto text-sm">
          {people.map((person) => {
            const seen = presence.get(person.id);
            return (
              <li key={person.id} className="flex items-center gap-2 px-1" aria-label={person.name}>
                <PresenceDot presence={seen} />
                <span className="truncate">{person.id === viewerId ? `${person.name} (you)` : person.name}</span>
                {seen?.statusEmoji || seen?.statusText ? (
                  <span className="truncate text-xs text-zinc-500 dark:text-zinc-400" title={seen.statusText}>
                    {seen.statusEmoji} {seen.statusText}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {editing ? <StatusDialog current={mine} onClose={() => setEditing(false)} /> : null}
    </aside>
  );
}
