import { escapeXml } from "./dav-xml";

// 207 Multi-Status bodies (RFC 4918 §13), written as strings: a listing of
// 10,000 entries is one join, with no DOM in between.

export type PropName = { ns: string; local: string };
export type PropValue = PropName & { xml: string };
export type PropStat = { status: number; props: (PropName | PropValue)[] };
export type DavResponse = { href: string; propstats?: PropStat[]; status?: number; description?: string };

const REASONS: Record<number, string> = {
  200: "OK",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  424: "Failed Dependency",
  507: "Insufficient Storage",
};

export const statusLine = (status: number) => `<D:status>HTTP/1.1 ${status} ${REASONS[status] ?? ""}</D:status>`;

/** A property element; values are XML already (escaped text or serialized elements). */
export function propElement(prop: PropName | PropValue): string {
  const value = "xml" in prop ? prop.xml : "";
  if (prop.ns === "DAV:") return value === "" ? `<D:${prop.local}/>` : `<D:${prop.local}>${value}</D:${prop.local}>`;
  const declaration = prop.ns === "" ? ' xmlns=""' : ` xmlns:P="${escapeXml(prop.ns)}"`;
  const tag = prop.ns === "" ? prop.local : `P:${prop.local}`;
  return value === "" ? `<${tag}${declaration}/>` : `<${tag}${declaration}>${value}</${tag}>`;
}

export function responseXml(response: DavResponse): string {
  const parts = [`<D:response><D:href>${escapeXml(response.href)}</D:href>`];
  for (const propstat of response.propstats ?? []) {
    if (propstat.props.length === 0) continue;
    parts.push(`<D:propstat><D:prop>${propstat.props.map(propElement).join("")}</D:prop>${statusLine(propstat.status)}</D:propstat>`);
  }
  if (response.status) parts.push(statusLine(response.status));
  if (response.description) parts.push(`<D:responsedescription>${escapeXml(response.description)}</D:responsedescription>`);
  parts.push("</D:response>");
  return parts.join("");
}

export function multistatusXml(responses: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">${responses.join("")}</D:multistatus>\n`;
}

/** An error body with a precondition element (RFC 4918 §16), e.g. propfind-finite-depth. */
export function errorXml(condition: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<D:error xmlns:D="DAV:"><D:${condition}/></D:error>\n`;
}
