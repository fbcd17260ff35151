"use client";

import { Alert } from "@awan/ui/alert";
import { TextField } from "@awan/ui/field";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import type { FormEvent } from "react";
import { errorMessage, fieldError, useTRPC } from "@/lib/trpc";
import { AccountFields, isFormLevelError, readAccountFields } from "./account-fields";
import { useCreateAccount } from "./use-create-account";
import { SubmitButton } from "@/components/submit-button";

export function SignUpForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const { submit, signInError } = useCreateAccount(signUp.mutateAsync, next);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit({ ...readAccountFields(form), organizationName: String(form.get("organization")) });
  }

  const error = signUp.error;
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Create your account</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">You will own a new organization and can invite your colleagues.</p>
      </div>
      {isFormLevelError(error, ["name", "email", "password", "organizationName"]) ? <Alert>{errorMessage(error)}</Alert> : null}
      {signInError ? <Alert>{signInError}</Alert> : null}
      <AccountFields error={error} />
      <TextField
        label="Organization"
        name="organization"
        autoComplete="organization"
        required
        maxLength={100}
        error={fieldError(error, "organizationName")}
      />
      <SubmitButton busy={signUp.isPending} className="w-full">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{" "}
        <Link href={next === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(next)}`} className="font-medium text-brand-600 dark:text-brand-400 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
