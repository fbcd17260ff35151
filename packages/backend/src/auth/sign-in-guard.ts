import { getDatabase } from "../db";
import { clientInfo } from "./client-info";
import { Email } from "./schemas";
import { retryAfterSeconds, signInThrottles } from "./sign-in-throttle";

export function tooManyAttemptsMessage(retryAfter: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Answers 429 for a credentials sign-in while its account or address is
 * locked, before next-auth spends a password hash on it; null lets the
 * request through (where the attempt is counted). The body keeps next-auth's
 * `{ url }` shape so a next-auth client still reads an error from it.
 */
export async function refuseLockedSignIn(request: Request): Promise<Response | null> {
  const form = new URLSearchParams(await request.clone().text());
  const email = Email.safeParse(form.get("email") ?? "");
  const retryAfter = await retryAfterSeconds(
    getDatabase(),
    signInThrottles(email.success ? email.data : "", clientInfo(request.headers).ipAddress),
  );
  if (retryAfter === 0) return null;
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("error", "TooManyAttempts");
  return Response.json(
    { url: url.toString(), message: tooManyAttemptsMessage(retryAfter) },
    { status: 429, headers: { "Retry-After": String(retryAfter) } },
  );
}
