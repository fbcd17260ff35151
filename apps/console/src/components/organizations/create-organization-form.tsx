"use client";

import { Alert } from "@awan/ui/alert";
import { TextField } from "@awan/ui/field";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { errorMessage, fieldError, useTRPC } from "@/lib/trpc";
import { SubmitButton } from "@/components/submit-button";

export function CreateOrganizationForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(
    trpc.organization.create.mutationOptions({
      onSuccess: () => {
        router.push("/");
        router.refresh();
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: String(new FormData(event.currentTarget).get("name")) });
  }

  const allowed = useQuery(trpc.organization.canCreate.queryOptions());
  if (allowed.data === false) {
    return (
      <p className="max-w-md text-sm text-zinc-600 dark:text-zinc-400">
        New organizations on this server are created by its administrators. Ask one, or open an invite link from a colleague to join theirs.
      </p>
    );
  }

  const nameError = fieldError(create.error, "name");
  return (
    <form method="post" onSubmit={onSubmit} className="max-w-md space-y-4">
      {create.error && !nameError ? <Alert>{errorMessage(create.error)}</Alert> : null}
      <TextField label="Organization name" name="name" required maxLength={100} error={nameError} />
      <SubmitButton busy={create.isPending}>
        Create organization
      </SubmitButton>
    </form>
  );
}
