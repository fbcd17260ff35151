"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { RoleSelect } from "./role-select";
import { ROLE_LABELS } from "./share-roles";
import type { ShareableItem } from "./share-dialog";

type ItemAccess = RouterOutputs["sharing"]["listForItem"];
type Entry = ItemAccess["entries"][number];

const describe = (entry: Entry) =>
  entry.recipient.type === "group" ? `Group · ${entry.recipient.memberCount} ${entry.recipient.memberCount === 1 ? "person" : "people"}` : entry.recipient.email;

/** The owner, then each share: those on the item can be changed or removed; inherited ones say from which folder. */
export function AccessList({ item, access, onChanged }: { item: ShareableItem; access: ItemAccess; onChanged(): void }) {
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  const options = { onSettled: () => void onChanged(), onError: (caught: unknown) => setError(errorMessage(caught)), onSuccess: () => setError(null) };
  const changeRole = useMutation(trpc.sharing.changeRole.mutationOptions(options));
  const revoke = useMutation(trpc.sharing.revoke.mutationOptions(options));
  return (
    <section aria-labelledby="who-has-access" className="space-y-2">
      <h3 id="who-has-access" className="font-medium">Who has access</h3>
      {error ? <Alert>{error}</Alert> : null}
      <ul aria-label="Who has access" className="divide-y divide-zinc-100 dark:divide-zinc-800">
        <li className="flex items-center justify-between gap-3 py-2">
          <span className="min-w-0">
            <span className="block truncate font-medium">{access.owner.name}{access.you.own ? " (you)" : ""}</span>
            <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{access.owner.email}</span>
          </span>
          <span className="text-zinc-600 dark:text-zinc-400">Owner</span>
        </li>
        {access.entries.map((entry) => (
          <li key={entry.shareId} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2">
            <span className="min-w-0">
              <span className="block truncate font-medium">{entry.recipient.name}</span>
              <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">
                {describe(entry)}
                {entry.inheritedFrom ? <> · Inherited from “{entry.inheritedFrom.name}”</> : null}
              </span>
            </span>
            {entry.inheritedFrom || !access.you.canManage ? (
              <span className="text-zinc-600 dark:text-zinc-400">{ROLE_LABELS[entry.role]}</span>
            ) : (
              <span className="flex items-center gap-1">
                <RoleSelect
                  kind={item.kind}
                  value={entry.role}
                  label={`Role of ${entry.recipient.name}`}
                  disabled={changeRole.isPending}
                  onChange={(role) => changeRole.mutate({ shareId: entry.shareId, role })}
                />
                <Button variant="ghost" aria-label={`Remove ${entry.recipient.name}`} busy={revoke.isPending && revoke.variables?.shareId === entry.shareId} onClick={() => revoke.mutate({ shareId: entry.shareId })}>
                  Remove
                </Button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {access.entries.length === 0 ? <p className="text-zinc-500 dark:text-zinc-400">Not shared with anyone yet.</p> : null}
    </section>
  );
}
