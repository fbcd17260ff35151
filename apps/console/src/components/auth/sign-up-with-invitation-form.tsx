"use client";

import { Alert } from "@awan/ui/alert";
import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { AccountFields, isFormLevelError, readAccountFields } from "./account-fields";
import { useCreateAccount } from "./use-create-account";
import { SubmitButton } from "@/components/submit-button";

export function SignUpWithInvitationForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.auth.signUpWithInvitation.mutationOptions());
  const { submit, signInError } = useCreateAccount(signUp.mutateAsync);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit({ token, ...readAccountFields(new FormData(event.currentTarget)) });
  }

  const error = signUp.error;
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5">
      {isFormLevelError(error, ["name", "email", "password"]) ? <Alert>{errorMessage(error)}</Alert> : null}
      {signInError ? <Alert>{signInError}</Alert> : null}
      <AccountFields error={error} />
      <SubmitButton busy={signUp.isPending} className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}
