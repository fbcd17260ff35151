import { DomainError } from "../errors";
import { checkName } from "../files/names";

export const DAV_PATH = "/dav/";
export const DAV_FILES_PATH = "/dav/files/";

/**
 * A request path under /dav/files/<user>/: the user (decoded), the user
 * segment exactly as sent (hrefs echo it, so clients that compare paths
 * without unescaping them find their own), and the names below it.
 */
export type DavPath = { user: string; userSegment: string; names: string[]; trailingSlash: boolean };

/**
 * Splits /dav/files/<user>/a/b into its user and checked names. Null when
 * the path is not under /dav/files/<user>/ at all; a name the files rules
 * refuse is INVALID_INPUT with their message.
 */
export function parseDavPath(pathname: string): DavPath | null {
  if (!pathname.startsWith(DAV_FILES_PATH)) return null;
  const parts = pathname.slice(DAV_FILES_PATH.length).split("/");
  const trailingSlash = parts.length > 1 && parts[parts.length - 1] === "";
  const userSegment = parts[0]!;
  const [user, ...rest] = parts.map(decodeSegment);
  if (!user) return null;
  const names = rest.filter((n) => n !== "").map(checkName);
  return { user, userSegment, names, trailingSlash };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new DomainError("INVALID_INPUT", "The path has a malformed %-escape.");
  }
}

/**
 * The Destination header of a COPY or MOVE: an absolute URL or an absolute
 * path; it must name this server (when absolute) and a place under the same
 * person's files.
 */
export function parseDestination(header: string | undefined, requestHost: string | undefined): DavPath {
  if (!header) throw new DomainError("INVALID_INPUT", "COPY and MOVE need a Destination header.");
  let url: URL;
  try {
    url = new URL(header, `http://${requestHost ?? "localhost"}`);
  } catch {
    throw new DomainError("INVALID_INPUT", "The Destination header is not a URL.");
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(header) && requestHost && url.host !== requestHost) {
    throw new DomainError("FORBIDDEN", "The destination is on another server; copy or move within this one.");
  }
  const path = parseDavPath(url.pathname);
  if (!path) throw new DomainError("FORBIDDEN", `The destination must be under ${DAV_FILES_PATH}.`);
  return path;
}

// Everything but unreserved characters and "@" (an email's) is escaped in hrefs.
export const encodeSegment = (name: string) => encodeURIComponent(name).replace(/%40/g, "@");

/** The href of a resource: its path, escaped; collections end with "/". */
export function hrefOf(path: Pick<DavPath, "userSegment">, names: string[], collection: boolean): string {
  const below = names.map((n) => `/${encodeSegment(n)}`).join("");
  return `${DAV_FILES_PATH}${path.userSegment}${below}${collection ? "/" : ""}`;
}
