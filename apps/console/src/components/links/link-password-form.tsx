"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { TextField } from "@awan/ui/field";
import { useState, type FormEvent } from "react";
import { LinkError, unlockLink } from "./public-api";

/** The password step of a protected link; the server counts wrong guesses and says when to try again. */
export function LinkPasswordForm({ token, onUnlocked }: { token: string; onUnlocked(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setBusy(true);
    setError(null);
    try {
      await unlockLink(token, password);
      onUnlocked();
    } catch (caught) {
      setError(caught instanceof LinkError ? withLocalTime(caught) : "The password could not be checked. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <h1 className="text-xl font-semibold">This link is protected by a password</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Enter the password you were given with the link.</p>
      <TextField label="Password" name="password" type="password" autoComplete="off" required autoFocus />
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" busy={busy}>Open</Button>
    </form>
  );
}

/** The server names the time in UTC; the visitor reads it in their own clock too. */
function withLocalTime(error: LinkError): string {
  if (!error.retryAt) return error.message;
  const local = new Date(error.retryAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return error.message.replace(/\(after [^)]*\)/, `(at ${local} your time)`);
}
