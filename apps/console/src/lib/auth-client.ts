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
  if (error === "TooManyAttempts") return { ok: false, message: "Too many failed sign-in attempts. Try again in 15 minutes." };
  return { ok: false, message: "Sign-in failed. Try again in a moment." };
}

/** Ends the session on the server; false when the server could not be told. */
export async function signOut(): Promise<boolean> {
  try {
    return (await postForm("/api/auth/signout", {})).ok;
  } catch {
    return false;
  }
}

const SAME_SITE = "http://same-site.invalid";

/**
 * Where to go after signing in: a path on this site, never another origin.
 * Parsed the way a browser would (which drops tabs and newlines, and reads
 * "/\\x" as "//x"), so nothing that looks like a path can leave the site.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  const url = new URL(value, SAME_SITE);
  return url.origin === SAME_SITE ? `${url.pathname}${url.search}${url.hash}` : "/";
}
