export type ClientInfo = { ipAddress: string | null; userAgent: string | null };

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? (value.at(-1) ?? null) : (value ?? null);
}

/**
 * The peer address as recorded by the server in front of the backend: Next's
 * own server (or a reverse proxy) appends it as the last X-Forwarded-For
 * entry, so that entry is the one a client cannot forge.
 */
export function clientInfo(headers: HeaderSource): ClientInfo {
  const forwarded = header(headers, "x-forwarded-for")?.split(",").at(-1)?.trim();
  return {
    ipAddress: forwarded || header(headers, "x-real-ip") || null,
    userAgent: header(headers, "user-agent"),
  };
}
