"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { TextField } from "@awan/ui/field";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { CopyButton } from "@/components/copy-button";
import { errorMessage, fieldError, useTRPC } from "@/lib/trpc";

type AppPassword = RouterOutputs["appPasswords"]["list"][number];
type Created = RouterOutputs["appPasswords"]["create"];

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Create, list and revoke the person's app passwords; a new one is shown once, with what an app needs to connect. */
export function AppPasswords({ email }: { email: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.appPasswords.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.appPasswords.list.queryKey() });
  const [name, setName] = useState("");
  const [created, setCreated] = useState<Created | null>(null);
  const [revoking, setRevoking] = useState<AppPassword | null>(null);
  const create = useMutation(
    trpc.appPasswords.create.mutationOptions({
      onSuccess: (result) => {
        setCreated(result);
        setName("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.appPasswords.revoke.mutationOptions({ onSettled: () => void refresh(), onSuccess: () => setRevoking(null) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name });
  };

  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <TextField
            label="Name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. Laptop file manager"
            maxLength={100}
            error={fieldError(create.error, "name")}
            hint="Name it after the app or device, so you know which one to revoke later."
          />
        </div>
        <Button type="submit" busy={create.isPending}>
          Create app password
        </Button>
      </form>
      {create.error && !fieldError(create.error, "name") ? <Alert>{errorMessage(create.error)}</Alert> : null}
      {created ? <NewAppPassword created={created} email={email} onDone={() => setCreated(null)} /> : null}

      {list.isPending ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
      ) : list.error ? (
        <Alert>{errorMessage(list.error)}</Alert>
      ) : list.data.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">You have no app passwords yet.</p>
      ) : (
        <ul aria-label="App passwords" className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {list.data.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <div>
                <p className="font-medium">{entry.name}</p>
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  Created {dateTime.format(entry.createdAt)} · {entry.lastUsedAt ? `last used ${dateTime.format(entry.lastUsedAt)}` : "never used"}
                </p>
              </div>
              <Button variant="ghost" onClick={() => setRevoking(entry)} aria-label={`Revoke ${entry.name}`}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}

      {revoking ? (
        <Dialog
          title={`Revoke “${revoking.name}”?`}
          onClose={() => setRevoking(null)}
          actions={
            <>
              <Button variant="secondary" onClick={() => setRevoking(null)}>
                Cancel
              </Button>
              <Button variant="danger" busy={revoke.isPending} onClick={() => revoke.mutate({ id: revoking.id })}>
                Revoke
              </Button>
            </>
          }
        >
          <p>Apps using it are signed out at once and cannot reach your files until you give them a new app password.</p>
          {revoke.error ? <Alert>{errorMessage(revoke.error)}</Alert> : null}
        </Dialog>
      ) : null}
    </div>
  );
}

/** The one time a new password is visible: with the WebDAV address and user name an app asks for. */
function NewAppPassword({ created, email, onDone }: { created: Created; email: string; onDone: () => void }) {
  const davUrl = `${window.location.origin}/dav/files/${email}/`;
  const rows = [
    { label: "WebDAV URL", value: davUrl },
    { label: "User name", value: email },
    { label: "Password", value: created.password },
  ];
  return (
    <section aria-label="New app password" className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950/40">
      <p className="text-sm font-medium">“{created.name}” is ready. Enter these in the app. The password is shown only now: copy it before you leave this page.</p>
      <dl className="space-y-2">
        {rows.map((row) => (
          <div key={row.label} className="flex flex-wrap items-center gap-2">
            <dt className="w-28 text-sm text-zinc-600 dark:text-zinc-400">{row.label}</dt>
            <dd className="flex min-w-0 flex-1 items-center gap-2">
              <input
                readOnly
                aria-label={row.label}
                value={row.value}
                onFocus={(event) => event.target.select()}
                className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              <CopyButton text={row.value} label={`Copy ${row.label === "WebDAV URL" ? "URL" : row.label.toLowerCase()}`} />
            </dd>
          </div>
        ))}
      </dl>
      <Button variant="secondary" onClick={onDone}>
        Done
      </Button>
    </section>
  );
}
