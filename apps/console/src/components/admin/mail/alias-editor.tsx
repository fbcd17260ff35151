"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { AddressFields } from "./address-fields";

type Address = RouterOutputs["mailAdmin"]["mailboxes"][number]["addresses"][number];

/** A mailbox's addresses: the main one marked, aliases with Remove and Make main, and a form to add an alias. */
export function AliasEditor({ mailboxId, mailboxName, addresses }: { mailboxId: string; mailboxName: string; addresses: Address[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const domains = useQuery(trpc.mailAdmin.domains.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.mailAdmin.pathFilter());
  const [adding, setAdding] = useState(false);
  const [value, setValue] = useState({ localPart: "", domainId: "" });
  const add = useMutation(
    trpc.mailAdmin.addAlias.mutationOptions({
      onSuccess: () => { setValue({ localPart: "", domainId: value.domainId }); setAdding(false); },
      onSettled: () => void refresh(),
    }),
  );
  const remove = useMutation(trpc.mailAdmin.removeAlias.mutationOptions({ onSettled: () => void refresh() }));
  const makeMain = useMutation(trpc.mailAdmin.setPrimaryAddress.mutationOptions({ onSettled: () => void refresh() }));
  const domainId = value.domainId || domains.data?.[0]?.id || "";
  const error = add.error ?? remove.error ?? makeMain.error;

  return (
    <div className="space-y-2">
      <ul aria-label={`Addresses of ${mailboxName}`} className="flex flex-wrap gap-1.5">
        {addresses.map((a) => (
          <li key={a.id} className="inline-flex items-center gap-1 rounded-md bg-zinc-100 py-0.5 pl-2 pr-0.5 text-sm dark:bg-zinc-800">
            <span className="break-all">{a.address}</span>
            {a.isPrimary ? (
              <span className="px-1.5 text-xs font-medium text-brand-700 dark:text-brand-300">main</span>
            ) : (
              <>
                <button type="button" className="rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-zinc-300 dark:hover:bg-zinc-700" aria-label={`Make ${a.address} the main address`} onClick={() => makeMain.mutate({ addressId: a.id })}>
                  Make main
                </button>
                <button type="button" className="rounded px-1.5 py-0.5 text-xs text-red-700 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-red-400 dark:hover:bg-zinc-700" aria-label={`Remove the alias ${a.address}`} onClick={() => remove.mutate({ addressId: a.id })}>
                  Remove
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {adding && domains.data ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate({ mailboxId, localPart: value.localPart, domainId });
          }}
          className="flex flex-wrap items-end gap-2"
        >
          <AddressFields label={`New alias for ${mailboxName}`} value={{ ...value, domainId }} domains={domains.data} onChange={setValue} autoFocus />
          <Button type="submit" variant="secondary" busy={add.isPending} disabled={value.localPart.trim() === ""}>Add alias</Button>
          <Button variant="ghost" onClick={() => { setAdding(false); add.reset(); }}>Cancel</Button>
        </form>
      ) : (
        <Button variant="ghost" aria-label={`Add an alias for ${mailboxName}`} onClick={() => setAdding(true)}>+ Alias</Button>
      )}
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
    </div>
  );
}
