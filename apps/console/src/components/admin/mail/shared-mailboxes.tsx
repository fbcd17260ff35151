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
import { AddressFields } from "./address-fields";
import { AliasEditor } from "./alias-editor";
import { MailboxUsage } from "./mailbox-usage";
import { QueryView } from "./query-view";
import { SharedMailboxMembers } from "./shared-mailbox-members";

type Shared = RouterOutputs["mailAdmin"]["sharedMailboxes"][number];

/** Shared mailboxes such as support@: made here, read by the members chosen, on their own Mail page. */
export function SharedMailboxes() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const shared = useQuery(trpc.mailAdmin.sharedMailboxes.queryOptions());
  const domains = useQuery(trpc.mailAdmin.domains.queryOptions());
  const people = useQuery(trpc.member.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.mailAdmin.pathFilter());
  const [name, setName] = useState("");
  const [address, setAddress] = useState({ localPart: "", domainId: "" });
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<Shared | null>(null);
  const create = useMutation(
    trpc.mailAdmin.createSharedMailbox.mutationOptions({
      onSuccess: (made) => { setName(""); setAddress({ localPart: "", domainId: address.domainId }); setMemberIds([]); setOpen(made.id); },
      onSettled: () => void refresh(),
    }),
  );
  const rename = useMutation(trpc.mailAdmin.renameSharedMailbox.mutationOptions({ onSettled: () => void refresh() }));
  const domainId = address.domainId || domains.data?.[0]?.id || "";

  return (
    <Card title="Shared mailboxes" description="An address a team answers together, such as support@. Its members read it and send as it from Mail.">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ displayName: name, localPart: address.localPart, domainId, memberIds });
        }}
        className="space-y-3 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-950"
      >
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-48 flex-1">
            <TextField label="Mailbox name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="Support" />
          </div>
          {domains.data ? <AddressFields label="Mailbox address" value={{ ...address, domainId }} domains={domains.data} onChange={setAddress} /> : null}
        </div>
        {people.data && people.data.length > 0 ? (
          <fieldset>
            <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">Members</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {people.data.map((p) => (
                <label key={p.id} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    checked={memberIds.includes(p.id)}
                    onChange={(e) => setMemberIds(e.target.checked ? [...memberIds, p.id] : memberIds.filter((id) => id !== p.id))}
                  />
                  {p.name}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <Button type="submit" busy={create.isPending} disabled={name.trim() === "" || address.localPart.trim() === "" || !domainId}>
          Create shared mailbox
        </Button>
        {create.error ? <Alert>{errorMessage(create.error)}</Alert> : null}
      </form>

      <div className="mt-4">
        <QueryView query={shared} empty={(data) => (data.length === 0 ? "No shared mailboxes yet." : null)}>
          {(data) => (
            <ul aria-label="Shared mailboxes" className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {data.map((mailbox) => (
                <li key={mailbox.id} aria-label={mailbox.displayName} className="py-3">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0 flex-1 space-y-2">
                      <p>
                        <span className="font-medium">{mailbox.displayName}</span>
                        <span className="ml-2 text-sm text-zinc-500 dark:text-zinc-400">
                          {mailbox.members.length} {mailbox.members.length === 1 ? "member" : "members"} · {mailbox.messageCount} {mailbox.messageCount === 1 ? "message" : "messages"}
                        </span>
                      </p>
                      <AliasEditor mailboxId={mailbox.id} mailboxName={mailbox.displayName} addresses={mailbox.addresses} />
                    </div>
                    <MailboxUsage name={mailbox.displayName} usedBytes={mailbox.usedBytes} quotaBytes={mailbox.quotaBytes} />
                  </div>
                  <div className="mt-2 flex flex-wrap gap-1">
                    <Button variant="ghost" aria-expanded={open === mailbox.id} aria-label={`Members of ${mailbox.displayName}`} onClick={() => setOpen(open === mailbox.id ? null : mailbox.id)}>
                      Members
                    </Button>
                    <Button variant="ghost" aria-label={`Rename ${mailbox.displayName}`} onClick={() => setRenaming(mailbox)}>Rename</Button>
                    <DeleteSharedMailbox mailbox={mailbox} onDeleted={refresh} />
                  </div>
                  {open === mailbox.id ? <SharedMailboxMembers mailbox={mailbox} onChanged={refresh} /> : null}
                </li>
              ))}
            </ul>
          )}
        </QueryView>
      </div>
      {renaming ? (
        <NameDialog
          title={`Rename “${renaming.displayName}”`}
          label="Mailbox name"
          initial={renaming.displayName}
          submitLabel="Rename"
          onClose={() => setRenaming(null)}
          onSubmit={(displayName) => rename.mutateAsync({ mailboxId: renaming.id, displayName })}
        />
      ) : null}
    </Card>
  );
}

function DeleteSharedMailbox({ mailbox, onDeleted }: { mailbox: Shared; onDeleted(): void }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const [withMessages, setWithMessages] = useState(false);
  const remove = useMutation(trpc.mailAdmin.deleteSharedMailbox.mutationOptions({ onSuccess: () => onDeleted() }));
  if (!confirming) {
    return (
      <Button variant="ghost" className="text-red-700 dark:text-red-400" aria-label={`Delete ${mailbox.displayName}`} onClick={() => setConfirming(true)}>
        Delete
      </Button>
    );
  }
  const count = mailbox.messageCount;
  return (
    <div className="w-full space-y-2">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Its addresses ({mailbox.addresses.map((a) => a.address).join(", ")}) will refuse mail from then on, and its members lose it.
      </p>
      {count > 0 ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={withMessages} onChange={(e) => setWithMessages(e.target.checked)} />
          Also delete its {count} {count === 1 ? "message" : "messages"} for good
        </label>
      ) : null}
      <div className="flex flex-wrap gap-1">
        <Button variant="danger" busy={remove.isPending} disabled={count > 0 && !withMessages} onClick={() => remove.mutate({ mailboxId: mailbox.id, deleteMessages: withMessages })}>
          Delete “{mailbox.displayName}”
        </Button>
        <Button variant="ghost" onClick={() => { setConfirming(false); setWithMessages(false); remove.reset(); }}>Cancel</Button>
      </div>
      {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
    </div>
  );
}
