"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { TextField } from "@awan/ui/field";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { SubmitButton } from "@/components/submit-button";
import { errorMessage, fieldError, useTRPC } from "@/lib/trpc";

type Settings = RouterOutputs["fileSettings"]["get"];
const GB = 1024 ** 3;
const FIELDS = ["quotaBytes", "personQuotaBytes", "keepAllVersionsDays", "keepVersionsDays", "linkMaxExpiryDays"];

const toGb = (bytes: number | null) => (bytes === null ? "" : String(Math.round((bytes / GB) * 100) / 100));
/** Empty means no limit. */
const fromGb = (value: FormDataEntryValue | null) => (String(value ?? "").trim() === "" ? null : Math.round(Number(value) * GB));
const days = (value: FormDataEntryValue | null) => (String(value ?? "").trim() === "" ? null : Number(value));

export function FileSettingsForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.fileSettings.update.mutationOptions({ onSuccess: () => router.refresh() }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({
      quotaBytes: fromGb(form.get("quota")),
      personQuotaBytes: fromGb(form.get("personQuota")),
      keepAllVersionsDays: Number(form.get("keepAll")),
      keepVersionsDays: days(form.get("keepDaily")),
      linkPasswordRequired: form.get("linkPassword") === "on",
      linkMaxExpiryDays: days(form.get("linkExpiry")),
    });
  }

  return (
    <form method="post" onSubmit={onSubmit} className="grid max-w-2xl gap-4 sm:grid-cols-2">
      <TextField
        label="Organization quota (GB)"
        name="quota"
        type="number"
        min={0}
        step="any"
        defaultValue={toGb(settings.quotaBytes)}
        hint={`Empty: no limit. In use: ${formatBytes(settings.usedBytes)}.`}
        error={fieldError(update.error, "quotaBytes")}
      />
      <TextField
        label="Quota per person (GB)"
        name="personQuota"
        type="number"
        min={0}
        step="any"
        defaultValue={toGb(settings.personQuotaBytes)}
        hint="Empty: no limit. Counts every version and the trash."
        error={fieldError(update.error, "personQuotaBytes")}
      />
      <TextField
        label="Keep every version for (days)"
        name="keepAll"
        type="number"
        min={1}
        required
        defaultValue={settings.keepAllVersionsDays}
        error={fieldError(update.error, "keepAllVersionsDays")}
      />
      <TextField
        label="Then keep one version a day for (days)"
        name="keepDaily"
        type="number"
        min={1}
        defaultValue={settings.keepVersionsDays ?? ""}
        hint="Empty: keep daily versions forever. The current version always stays."
        error={fieldError(update.error, "keepVersionsDays")}
      />
      <label className="flex items-start gap-2 self-center text-sm">
        <input type="checkbox" name="linkPassword" defaultChecked={settings.linkPasswordRequired} className="mt-1" />
        <span>
          Public links need a password
          <span className="block text-zinc-500 dark:text-zinc-400">Applies to links made or changed from now on.</span>
        </span>
      </label>
      <TextField
        label="Public links expire within (days)"
        name="linkExpiry"
        type="number"
        min={1}
        defaultValue={settings.linkMaxExpiryDays ?? ""}
        hint="Empty: links may work without an end date."
        error={fieldError(update.error, "linkMaxExpiryDays")}
      />
      <div className="sm:col-span-2">
        <SubmitButton busy={update.isPending}>Save file settings</SubmitButton>
        <div className="mt-3" aria-live="polite">
          {update.isSuccess ? <Alert tone="success">Saved.</Alert> : null}
          {update.error && !FIELDS.some((field) => fieldError(update.error, field)) ? <Alert>{errorMessage(update.error)}</Alert> : null}
        </div>
      </div>
    </form>
  );
}
