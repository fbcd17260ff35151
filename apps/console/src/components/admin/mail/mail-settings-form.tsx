"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Card } from "@awan/ui/card";
import { TextField } from "@awan/ui/field";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { SubmitButton } from "@/components/submit-button";
import { errorMessage, fieldError, useTRPC } from "@/lib/trpc";
import { QueryView } from "./query-view";

type Settings = RouterOutputs["mailAdmin"]["settings"];
const MB = 1024 * 1024;
const FIELDS = ["mailboxQuotaBytes", "maxMessageBytes", "sendLimitPerHour"];

const toMb = (bytes: number) => String(Math.round((bytes / MB) * 100) / 100);
const fromMb = (value: FormDataEntryValue | null) => Math.round(Number(value) * MB);

/** Settings: the quota of each mailbox, the largest message, and how many messages a person may send an hour. */
export function MailSettingsForm() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.mailAdmin.settings.queryOptions());
  return (
    <Card title="Limits" description="For every mailbox of the organization. A lower quota keeps what is stored; mail beyond it is refused until there is room.">
      <QueryView query={settings}>{(data) => <LimitsForm settings={data} />}</QueryView>
    </Card>
  );
}

function LimitsForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(trpc.mailAdmin.updateSettings.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.mailAdmin.pathFilter()) }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({
      mailboxQuotaBytes: fromMb(form.get("quota")),
      maxMessageBytes: fromMb(form.get("maxMessage")),
      sendLimitPerHour: Number(form.get("sendLimit")),
    });
  }

  return (
    <form method="post" onSubmit={onSubmit} className="grid max-w-3xl gap-4 sm:grid-cols-3">
      <TextField
        label="Mailbox quota (MB)"
        name="quota"
        type="number"
        min={1}
        step="any"
        required
        defaultValue={toMb(settings.mailboxQuotaBytes)}
        error={fieldError(update.error, "mailboxQuotaBytes")}
      />
      <TextField
        label="Largest message (MB)"
        name="maxMessage"
        type="number"
        min={0.0625}
        max={150}
        step="any"
        required
        defaultValue={toMb(settings.maxMessageBytes)}
        hint="Attachments included; larger mail is refused."
        error={fieldError(update.error, "maxMessageBytes")}
      />
      <TextField
        label="Send limit per hour"
        name="sendLimit"
        type="number"
        min={1}
        max={10000}
        step={1}
        required
        defaultValue={settings.sendLimitPerHour}
        hint="Messages one person may send; each recipient counts (5 people: 5)."
        error={fieldError(update.error, "sendLimitPerHour")}
      />
      <div className="sm:col-span-3">
        {settings.isDefault ? <p className="mb-3 text-sm text-zinc-500 dark:text-zinc-400">These are the defaults; nothing has been saved yet.</p> : null}
        <SubmitButton busy={update.isPending}>Save mail limits</SubmitButton>
        <div className="mt-3" aria-live="polite">
          {update.isSuccess ? <Alert tone="success">Saved.</Alert> : null}
          {update.error && !FIELDS.some((field) => fieldError(update.error, field)) ? <Alert>{errorMessage(update.error)}</Alert> : null}
        </div>
      </div>
    </form>
  );
}
