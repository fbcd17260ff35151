import { getConfig } from "./config";

/**
 * Whether a browser sent this request for a page of another site (by the
 * Origin and Sec-Fetch-Site headers it adds). SameSite=Lax cookies do not
 * stop a sibling site on the same registrable domain; this does. Requests
 * from tools that send neither header (curl, WebDAV clients) are not refused.
 */
export function isFromAnotherSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin && origin !== getConfig().publicUrl.origin) return true;
  const fetchSite = request.headers.get("sec-fetch-site");
  return Boolean(fetchSite && fetchSite !== "same-origin" && fetchSite !== "none");
}
