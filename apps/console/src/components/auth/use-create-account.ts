"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { signInWithPassword } from "@/lib/auth-client";

/**
 * Creates an account with `create` (whose errors the caller shows from its
 * mutation), then signs in with the same credentials and opens the workspace.
 */
export function useCreateAccount<Input extends { email: string; password: string }>(
  create: (input: Input) => Promise<unknown>,
  next = "/",
) {
  const router = useRouter();
  const [signInError, setSignInError] = useState<string | null>(null);

  async function submit(input: Input) {
    setSignInError(null);
    try {
      await create(input);
    } catch {
      return;
    }
    const signedIn = await signInWithPassword(input.email, input.password);
    if (!signedIn.ok) return setSignInError(signedIn.message);
    router.replace(next);
    router.refresh();
  }

  return { submit, signInError };
}
