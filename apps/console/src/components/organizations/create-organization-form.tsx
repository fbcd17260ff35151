"use client";

import { Alert } from "@awan/ui/alert";
import { TextField } from "@awan/ui/field";
import { useMutation } from "@tanstack/react-query";
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
