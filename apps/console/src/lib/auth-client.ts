// Talks to next-auth's endpoints directly (rather than through next-auth/react)
// so that the form can show the server's own words, e.g. for a 429 lock-out.

async function csrfToken(): Promise<string> {
  const res = await fetch("/api/auth/csrf", { cache: "no-store" });
  const body = (await res.json()) as { csrfToken: string };
  return body.csrfToken;
}

async function postForm(path: string, fields: Record<string, string>) {
  return fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: "true" }),
  });
}

export type SignInResult = { ok: true } | { ok: false; message: string };

export async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  let res: Response;
  try {
    res = await postForm("/api/auth/callback/credentials", { email, password });
  } catch {
    return { ok: false, message: "Could not reach the server. Check your connection and try again." };
  }
  const body = (await res.json().catch(() => ({}))) as { url?: string; message?: string };
  if (res.status === 429) return { ok: false, message: body.message ?? "Too many failed sign-in attempts. Try again later." };
  const error = body.url ? new URL(body.url, window.location.href).searchParams.get("error") : "unknown";
  if (res.ok && !error) return { ok: true };
  if (error === "CredentialsSignin") return { ok: false, message: "Wrong email or password." };
  return { ok: false, message: "Sign-in failed. Try again in a moment." };
}

export async function signOut(): Promise<void> {
  await postForm("/api/auth/signout", {});
}

/** Where to go after signing in: only paths on this site, never another origin. */
export function safeNextPath(value: string | null | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}
