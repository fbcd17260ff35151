"use client";

import { Alert } from "@awan/ui/alert";
import { TextField } from "@awan/ui/field";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { errorMessage, fieldError, useTRPC } from "@/lib/trpc";
import { SubmitButton } from "@/components/submit-button";

export function PasswordForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() }),
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    change.mutate(
      { currentPassword: String(data.get("currentPassword")), newPassword: String(data.get("newPassword")) },
      { onSuccess: () => form.reset() },
    );
  }

  const newError = fieldError(change.error, "newPassword");
  const currentError = fieldError(change.error, "currentPassword");
  return (
    <form method="post" onSubmit={onSubmit} className="max-w-md space-y-4">
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={currentError} />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters."
        error={newError}
      />
      <SubmitButton busy={change.isPending}>Change password</SubmitButton>
      <div aria-live="polite">
        {change.data ? (
          <Alert tone="success">
            Password changed.{" "}
            {change.data.endedSessions > 0
              ? `${change.data.endedSessions} other session${change.data.endedSessions === 1 ? " was" : "s were"} signed out.`
              : ""}
          </Alert>
        ) : null}
        {change.error && !newError && !currentError ? <Alert>{errorMessage(change.error)}</Alert> : null}
      </div>
    </form>
  );
}
