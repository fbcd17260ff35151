"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Card } from "@awan/ui/card";
import { SelectField, TextField } from "@awan/ui/field";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { CopyButton } from "@/components/copy-button";
import { assignableRoles, ROLE_LABELS, roleFrom } from "./roles";
import { SubmitButton } from "@/components/submit-button";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Admin → Members → Invite people: makes a link with a role and an expiry, and lists open ones. */
export function InvitePeople({ isOwner }: { isOwner: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formOpen, setFormOpen] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const invitations = useQuery(trpc.invitation.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.invitation.list.queryKey() });
  const create = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: ({ token, ...created }) => {
        setLink(new URL(`/invite/${token}`, window.location.origin).toString());
        // Shown at once, whatever a list fetch still in flight returns; then confirmed by a refetch.
        queryClient.setQueryData(trpc.invitation.list.queryKey(), (open) => open && [created, ...open]);
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.invitation.revoke.mutationOptions({ onSuccess: () => void refresh() }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      role: roleFrom(form.get("role")),
      expiresInDays: Number(form.get("expiresInDays")),
      maxUses: Number(form.get("maxUses")),
    });
  }

  return (
    <Card
      title="Invitations"
      description="Anyone with an invite link can create an account, or sign in, and join with the link's role."
    >
      {!formOpen ? (
        <Button onClick={() => { setFormOpen(true); setLink(null); }}>Invite people</Button>
      ) : (
        <form method="post" onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-3 sm:items-end">
          <SelectField label="Role" name="role" defaultValue="MEMBER">
            {assignableRoles(isOwner ? "OWNER" : "ADMIN").map((role) => (
              <option key={role} value={role}>{ROLE_LABELS[role]}</option>
            ))}
          </SelectField>
          <SelectField label="Expires after" name="expiresInDays" defaultValue="7">
            <option value="1">1 day</option>
            <option value="7">7 days</option>
            <option value="30">30 days</option>
          </SelectField>
          <TextField label="Number of people" name="maxUses" type="number" min={1} max={100} defaultValue={1} required />
          <div className="flex gap-2 sm:col-span-3">
            <SubmitButton busy={create.isPending}>Create invite link</SubmitButton>
            <Button variant="ghost" onClick={() => setFormOpen(false)}>Close</Button>
          </div>
        </form>
      )}
      {create.error ? <div className="mt-4"><Alert>{errorMessage(create.error)}</Alert></div> : null}
      {link ? (
        <div className="mt-4 space-y-2" role="status">
          <p className="text-sm font-medium">Send this link to the people you are inviting:</p>
          <div className="flex flex-wrap gap-2">
            <input
              readOnly
              aria-label="Invite link"
              value={link}
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
            />
            <CopyButton text={link} label="Copy link" />
          </div>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">It is shown only now. You can revoke it below at any time.</p>
        </div>
      ) : null}

      <h3 className="mt-6 text-sm font-semibold">Open invite links</h3>
      {invitations.isPending ? (
        <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
      ) : invitations.error ? (
        <div className="mt-2"><Alert>{errorMessage(invitations.error)}</Alert></div>
      ) : invitations.data.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">No open invite links.</p>
      ) : (
        <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-800">
          {invitations.data.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span>
                {ROLE_LABELS[invitation.role]} · used {invitation.useCount} of {invitation.maxUses} · expires{" "}
                {dateTime.format(invitation.expiresAt)}
              </span>
              <Button
                variant="ghost"
                busy={revoke.isPending && revoke.variables?.invitationId === invitation.id}
                onClick={() => revoke.mutate({ invitationId: invitation.id })}
                aria-label={`Revoke the link for a ${ROLE_LABELS[invitation.role].toLowerCase()}, created ${dateTime.format(invitation.createdAt)}`}
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      {revoke.error ? <div className="mt-2"><Alert>{errorMessage(revoke.error)}</Alert></div> : null}
    </Card>
  );
}
