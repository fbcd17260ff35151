import { getDatabase } from "../db";
import { clientInfo } from "./client-info";
import { Email } from "./schemas";
import { signInRetryAfter } from "./sign-in-throttle";

/**
 * Answers 429 for a credentials sign-in while its account or address is
 * locked, before next-auth sees it; null lets the request through. The body
 * keeps next-auth's `{ url }` shape so its client reports the error.
 */
export async function refuseLockedSignIn(request: Request): Promise<Response | null> {
  const form = new URLSearchParams(await request.clone().text());
  const email = Email.safeParse(form.get("email") ?? "");
  const client = clientInfo(request.headers);
  const retryAfter = await signInRetryAfter(getDatabase(), {
    email: email.success ? email.data : "",
    ipAddress: client.ipAddress,
  });
  if (retryAfter === 0) return null;
  const minutes = Math.ceil(retryAfter / 60);
  const message = `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("error", "TooManyAttempts");
  return Response.json(
    { url: url.toString(), message },
    { status: 429, headers: { "Retry-After": String(retryAfter) } },
  );
}
