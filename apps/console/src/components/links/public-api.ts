// The public link routes (/api/public/<token>/…) as the link's pages use them.

export type LinkInfo = {
  mode: "VIEW" | "DROP";
  expiresAt: string | null;
  downloadsLeft: number | null;
  item: { id: string; kind: "FILE" | "FOLDER"; name: string; size: number | null; contentType: string | null };
};

export type LinkFolder = {
  folder: { id: string; name: string };
  path: { id: string; name: string }[];
  items: { id: string; kind: "FILE" | "FOLDER"; name: string; size: number; contentType: string | null; modifiedAt: string }[];
  truncated: boolean;
};

/** A refusal of the link routes: the server's own words, and for a password the moment it may be tried again. */
export class LinkError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAt: string | null = null,
  ) {
    super(message);
  }
}

export const linkBase = (token: string) => `/api/public/${encodeURIComponent(token)}`;

export const linkUrls = (token: string) => ({
  content: (fileId: string, inline = false) => `${linkBase(token)}/items/${fileId}/content${inline ? "?disposition=inline" : ""}`,
  zip: (ids?: string[]) => `${linkBase(token)}/zip${ids?.length ? `?ids=${ids.join(",")}` : ""}`,
  drop: () => `${linkBase(token)}/drop`,
});

async function json<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as (T & { message?: string; retryAt?: string | null }) | null;
  if (!response.ok) throw new LinkError(response.status, body?.message ?? `The link could not be opened (${response.status}).`, body?.retryAt ?? null);
  return body as T;
}

export const fetchLinkInfo = async (token: string) => json<LinkInfo>(await fetch(`${linkBase(token)}/info`, { cache: "no-store" }));

export const fetchLinkFolder = async (token: string, folderId: string | null) =>
  json<LinkFolder>(await fetch(`${linkBase(token)}/folder${folderId ? `?id=${folderId}` : ""}`, { cache: "no-store" }));

export async function unlockLink(token: string, password: string): Promise<void> {
  const response = await fetch(`${linkBase(token)}/unlock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password }) });
  if (!response.ok) await json(response);
}
