// A few WebDAV requests with fetch, for tests that check answers one by one.
import { basicAuth, davRoot, type DavPerson } from "./dav-fixture";

export type DavAnswer = { status: number; headers: Headers; text: string };

/** `method` on `path` (below `owner`'s root, default: the signed-in person's) as `who`, or with no credentials when `who` is null. */
export async function dav(
  baseUrl: string,
  who: Pick<DavPerson, "email" | "password"> | null,
  method: string,
  path: string,
  options: { owner?: { email: string }; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<DavAnswer> {
  const owner = options.owner ?? who;
  if (!owner) throw new Error("Name whose files the request is for.");
  const headers: Record<string, string> = { ...(who && { authorization: basicAuth(who) }), ...options.headers };
  const response = await fetch(`${davRoot(baseUrl, owner)}${path}`, { method, headers, body: options.body === undefined ? undefined : new Uint8Array(Buffer.from(options.body)) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Every href a PROPFIND depth 1 lists, unescaped. */
export function hrefsIn(multistatus: string): string[] {
  return [...multistatus.matchAll(/<D:href>([^<]*)<\/D:href>/g)].map((m) => decodeURIComponent(m[1]!));
}
