"use client";

import { Alert } from "@awan/ui/alert";
import { TextField } from "@awan/ui/field";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signInWithPassword } from "@/lib/auth-client";
import { SubmitButton } from "@/components/submit-button";

export function SignInForm({ next, signUpOpen }: { next: string; signUpOpen: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signInWithPassword(String(form.get("email")), String(form.get("password")));
    if (result.ok) {
      router.replace(next);
      router.refresh();
      return;
    }
    setBusy(false);
    setError(result.message);
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate={false}>
      <h1 className="text-xl font-semibold">Sign in</h1>
      {error ? <Alert>{error}</Alert> : null}
      <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <SubmitButton busy={busy} className="w-full">
        Sign in
      </SubmitButton>
      {signUpOpen ? (
        <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
          New to Awan?{" "}
          <Link
            href={next === "/" ? "/sign-up" : `/sign-up?callbackUrl=${encodeURIComponent(next)}`}
            className="font-medium text-brand-600 dark:text-brand-400 hover:underline"
          >
            Create an account
          </Link>
        </p>
      ) : (
        <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">New here? Ask your administrator for an invite link.</p>
      )}
    </form>
  );
}
