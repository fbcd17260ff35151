"use client";

import { Alert } from "@awan/ui/alert";
import { TextField } from "@awan/ui/field";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { errorMessage, fieldError, useTRPC } from "@/lib/trpc";
import { SubmitButton } from "@/components/submit-button";

export function RenameOrganizationForm({ name }: { name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const rename = useMutation(trpc.organization.rename.mutationOptions({ onSuccess: () => router.refresh() }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    rename.mutate({ name: String(new FormData(event.currentTarget).get("name")) });
  }

  const nameError = fieldError(rename.error, "name");
  return (
    <form method="post" onSubmit={onSubmit} className="flex max-w-lg flex-wrap items-end gap-3">
      <div className="min-w-0 flex-1">
        <TextField label="Organization name" name="name" defaultValue={name} required maxLength={100} error={nameError} />
      </div>
      <SubmitButton busy={rename.isPending}>Save</SubmitButton>
      <div className="w-full" aria-live="polite">
        {rename.isSuccess ? <Alert tone="success">Saved.</Alert> : null}
        {rename.error && !nameError ? <Alert>{errorMessage(rename.error)}</Alert> : null}
      </div>
    </form>
  );
}
