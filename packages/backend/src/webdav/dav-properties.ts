import type { ScopedDb } from "@awan/db";
import type { DavItem } from "./dav-items";
import { escapeXml } from "./dav-xml";
import type { PropName, PropStat, PropValue } from "./multistatus";

// Live properties come from the item's row; dead ones (set by PROPPATCH)
// from the DeadProperty table, for many items in one query.

export const LIVE_PROPERTIES = ["getetag", "getlastmodified", "getcontentlength", "getcontenttype", "resourcetype", "creationdate", "displayname"] as const;
const LIVE = new Set<string>(LIVE_PROPERTIES);

export const isLive = (prop: PropName) => prop.ns === "DAV:" && LIVE.has(prop.local);

/** The top of the drive, which has no row of its own: a collection named for its person. */
export type DavResource = { item: DavItem | null; displayName: string };

/** An ETag for a folder: it changes when the folder is renamed, moved or touched. */
const folderTag = (item: DavItem) => `"d-${item.id}-${item.modifiedAt.getTime()}"`;

/** The live properties a resource has, as XML values; files have a length and a type, collections do not. */
export function liveValues(resource: DavResource): Map<string, string> {
  const { item } = resource;
  const values = new Map<string, string>([["displayname", escapeXml(resource.displayName)]]);
  if (!item) {
    values.set("resourcetype", "<D:collection/>");
    return values;
  }
  values.set("creationdate", item.createdAt.toISOString());
  values.set("getlastmodified", item.modifiedAt.toUTCString());
  if (item.kind === "FOLDER") {
    values.set("resourcetype", "<D:collection/>");
    values.set("getetag", escapeXml(folderTag(item)));
  } else {
    values.set("resourcetype", "");
    values.set("getcontentlength", String(item.size));
    values.set("getcontenttype", escapeXml(item.contentType ?? "application/octet-stream"));
    if (item.digest) values.set("getetag", escapeXml(`"${item.digest}"`));
  }
  return values;
}

export type DeadProps = Map<string, PropValue[]>;

/** The dead properties of `itemIds` (all of them, or only those named), by item id, in one query. */
export async function loadDeadProperties(tx: ScopedDb, itemIds: string[], only?: PropName[]): Promise<DeadProps> {
  const byItem: DeadProps = new Map();
  if (itemIds.length === 0 || (only && only.length === 0)) return byItem;
  const rows = await tx.deadProperty.findMany({
    where: { itemId: { in: itemIds }, ...(only && { OR: only.map((p) => ({ namespace: p.ns, name: p.local })) }) },
    select: { itemId: true, namespace: true, name: true, value: true },
  });
  for (const row of rows) {
    const list = byItem.get(row.itemId) ?? [];
    list.push({ ns: row.namespace, local: row.name, xml: row.value });
    byItem.set(row.itemId, list);
  }
  return byItem;
}

export type PropRequest = { type: "allprop"; include: PropName[] } | { type: "propname" } | { type: "prop"; props: PropName[] };

/** The propstats of one resource for a PROPFIND: what it has (200) and, for named props, what it lacks (404). */
export function propstatsFor(resource: DavResource, dead: PropValue[], request: PropRequest): PropStat[] {
  const live = liveValues(resource);
  if (request.type === "propname") {
    return [{ status: 200, props: [...[...live.keys()].map((local) => ({ ns: "DAV:", local })), ...dead.map(({ ns, local }) => ({ ns, local }))] }];
  }
  if (request.type === "allprop") {
    return [{ status: 200, props: [...[...live].map(([local, xml]) => ({ ns: "DAV:", local, xml })), ...dead] }];
  }
  const found: PropValue[] = [];
  const missing: PropName[] = [];
  for (const prop of request.props) {
    const value = prop.ns === "DAV:" ? live.get(prop.local) : undefined;
    const deadValue = value === undefined ? dead.find((d) => d.ns === prop.ns && d.local === prop.local) : undefined;
    if (value !== undefined) found.push({ ...prop, xml: value });
    else if (deadValue) found.push(deadValue);
    else missing.push(prop);
  }
  return [
    { status: 200, props: found },
    { status: 404, props: missing },
  ];
}
