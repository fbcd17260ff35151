"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { TextField } from "@awan/ui/field";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signInWithPassword } from "@/lib/auth-client";
import { errorMessage, fieldError, useTRPC } from "@/lib/trpc";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name")),
      email: String(form.get("email")),
      password: String(form.get("password")),
      organizationName: String(form.get("organization")),
    };
    setSignInError(null);
    try {
      await signUp.mutateAsync(input);
    } catch {
      return; // shown from signUp.error
    }
    const signedIn = await signInWithPassword(input.email, input.password);
    if (!signedIn.ok) return setSignInError(signedIn.message);
    router.replace("/");
    router.refresh();
  }

  const error = signUp.error;
  const formError = error && !["name", "email", "password", "organizationName"].some((f) => fieldError(error, f));
  return (
    <form onSubmit={onSubmit} className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Create your account</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">You will own a new organization and can invite your colleagues.</p>
      </div>
      {formError ? <Alert>{errorMessage(error)}</Alert> : null}
      {signInError ? <Alert>{signInError}</Alert> : null}
      <TextField label="Name" name="name" autoComplete="name" required maxLength={100} error={fieldError(error, "name")} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={fieldError(error, "email")} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters."
        error={fieldError(error, "password")}
      />
      <TextField
        label="Organization"
        name="organization"
        autoComplete="organization"
        required
        maxLength={100}
        error={fieldError(error, "organizationName")}
      />
      <Button type="submit" busy={signUp.isPending} className="w-full">
        Create account
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
