"use client";

import { Alert } from "@awan/ui/alert";
import { TextField } from "@awan/ui/field";
import type { UseMutationResult } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { SubmitButton } from "@/components/submit-button";
import { errorMessage, fieldError } from "@/lib/trpc";

type Props = {
  label: string;
  name: string;
  submitLabel: string;
  autoComplete?: string;
  rename: UseMutationResult<unknown, unknown, { name: string }>;
};

/** One name and a save button: renaming a person or an organization. */
export function NameForm({ label, name, submitLabel, autoComplete, rename }: Props) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    rename.mutate({ name: String(new FormData(event.currentTarget).get("name")) });
  }

  const nameError = fieldError(rename.error, "name");
  return (
    <form method="post" onSubmit={onSubmit} className="flex max-w-lg flex-wrap items-end gap-3">
      <div className="min-w-0 flex-1">
        <TextField label={label} name="name" defaultValue={name} autoComplete={autoComplete} required maxLength={100} error={nameError} />
      </div>
      <SubmitButton busy={rename.isPending}>{submitLabel}</SubmitButton>
      <div className="w-full" aria-live="polite">
        {rename.isSuccess ? <Alert tone="success">Saved.</Alert> : null}
        {rename.error && !nameError ? <Alert>{errorMessage(rename.error)}</Alert> : null}
      </div>
    </form>
  );
}
