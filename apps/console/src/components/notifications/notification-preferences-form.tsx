"use client";

import { Alert } from "@awan/ui/alert";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/components/submit-button";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { NOTIFICATION_KINDS, type NotificationKind } from "./notification-kinds";

/** Which kinds of notification also go by e-mail: a checkbox each, saved together. */
export function NotificationPreferencesForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saved = useQuery(trpc.notifications.preferences.queryOptions());
  const save = useMutation(
    trpc.notifications.setPreferences.mutationOptions({
      onSuccess: (preferences) => queryClient.setQueryData(trpc.notifications.preferences.queryKey(), preferences),
    }),
  );
  // What the person ticked since the last save; until then, what is saved.
  const [chosen, setChosen] = useState<NotificationKind[] | null>(null);
  const emailKinds = chosen ?? saved.data?.emailKinds ?? [];

  function toggle(kind: NotificationKind, on: boolean) {
    save.reset();
    setChosen(on ? [...emailKinds.filter((k) => k !== kind), kind] : emailKinds.filter((k) => k !== kind));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ emailKinds }, { onSuccess: () => setChosen(null) });
  }

  if (saved.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>;
  if (saved.error) return <Alert>{errorMessage(saved.error)}</Alert>;

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Also send by e-mail</legend>
        <div className="mt-2 space-y-3">
          {NOTIFICATION_KINDS.map(({ kind, many, about }) => (
            <div key={kind} className="flex items-start gap-3 text-sm">
              <input
                id={`notification-kind-${kind}`}
                type="checkbox"
                name="emailKinds"
                value={kind}
                checked={emailKinds.includes(kind)}
                onChange={(event) => toggle(kind, event.currentTarget.checked)}
                aria-describedby={`notification-kind-${kind}-about`}
                className="mt-0.5 size-4 rounded border-zinc-300 accent-brand-600 dark:border-zinc-700"
              />
              <div>
                <label htmlFor={`notification-kind-${kind}`} className="block font-medium text-zinc-900 dark:text-zinc-100">{many}</label>
                <p id={`notification-kind-${kind}-about`} className="text-zinc-500 dark:text-zinc-400">{about}</p>
              </div>
            </div>
          ))}
        </div>
      </fieldset>
      <SubmitButton busy={save.isPending}>Save</SubmitButton>
      <div aria-live="polite">
        {save.isSuccess ? (
          <Alert tone="success">
            Saved.{" "}
            {save.data.emailKinds.length === 0
              ? "Notifications stay in the bell only."
              : `${NOTIFICATION_KINDS.filter((k) => save.data.emailKinds.includes(k.kind)).map((k) => k.many).join(", ")} will also go to you by e-mail.`}
          </Alert>
        ) : null}
        {save.error ? <Alert>{errorMessage(save.error)}</Alert> : null}
      </div>
    </form>
  );
}
