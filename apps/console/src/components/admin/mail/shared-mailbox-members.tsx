"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";

type Shared = RouterOutputs["mailAdmin"]["sharedMailboxes"][number];

const CONTROL = "min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Who reads a shared mailbox: Remove for each, and anyone of the organization to add. */
export function SharedMailboxMembers({ mailbox, onChanged }: { mailbox: Shared; onChanged(): void }) {
  const trpc = useTRPC();
  const people = useQuery(trpc.member.list.queryOptions());
  const [chosen, setChosen] = useState("");
  const add = useMutation(trpc.mailAdmin.addSharedMailboxMember.mutationOptions({ onSuccess: () => setChosen(""), onSettled: () => onChanged() }));
  const remove = useMutation(trpc.mailAdmin.removeSharedMailboxMember.mutationOptions({ onSettled: () => onChanged() }));
  const inMailbox = new Set(mailbox.members.map((m) => m.id));
  const addable = (people.data ?? []).filter((p) => !inMailbox.has(p.id));
  const error = add.error ?? remove.error ?? people.error;

  return (
    <div className="mt-3 space-y-3 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-950">
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen) add.mutate({ mailboxId: mailbox.id, userId: chosen });
        }}
        className="flex flex-wrap items-center gap-2"
      >
        <select aria-label={`Person to add to ${mailbox.displayName}`} value={chosen} onChange={(e) => setChosen(e.target.value)} className={CONTROL}>
          <option value="">Choose someone to add…</option>
          {addable.map((p) => (
            <option key={p.id} value={p.id}>{p.name} ({p.email})</option>
          ))}
        </select>
        <Button type="submit" variant="secondary" busy={add.isPending} disabled={!chosen}>Add member</Button>
      </form>
      {mailbox.members.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Nobody reads this mailbox yet.</p>
      ) : (
        <ul aria-label={`People who read ${mailbox.displayName}`} className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {mailbox.members.map((m) => (
            <li key={m.id} className="flex items-center justify-between gap-2 py-1.5">
              <span className="min-w-0 truncate"><span className="font-medium">{m.name}</span> <span className="text-zinc-500 dark:text-zinc-400">{m.email}</span></span>
              <Button
                variant="ghost"
                aria-label={`Remove ${m.name} from ${mailbox.displayName}`}
                busy={remove.isPending && remove.variables?.userId === m.id}
                onClick={() => remove.mutate({ mailboxId: mailbox.id, userId: m.id })}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
