import { DomainError } from "../errors";
import { listChildren, type DavItem } from "./dav-items";
import { encodeSegment, hrefOf } from "./dav-paths";
import { isLive, loadDeadProperties, propstatsFor, type PropRequest } from "./dav-properties";
import { depthOf, readXmlBody, send, sendXml, type DavContext } from "./dav-request";
import { elements, isDav, type XmlElement } from "./dav-xml";
import { errorXml, multistatusXml, responseXml } from "./multistatus";

/**
 * PROPFIND with Depth 0 or 1. A folder's listing costs the same few queries
 * whatever its size: the path, the children, and their dead properties.
 * Depth: infinity (the default when absent) is refused, as RFC 4918 allows.
 */
export async function propfind(ctx: DavContext): Promise<void> {
  const depth = depthOf(ctx.req, "infinity");
  if (depth === "infinity") {
    return sendXml(ctx.res, 403, errorXml("propfind-finite-depth"));
  }
  const request = parsePropfind(await readXmlBody(ctx.req));
  const { names } = ctx.path;
  const body = await ctx.runAtPath(async ({ tx }, { driveId, resolved }) => {
    if (!resolved.exists) return null;
    const self = resolved.item;
    const isCollection = !self || self.kind === "FOLDER";
    const children = depth === "1" && isCollection ? await listChildren(tx, driveId, self?.id ?? null) : [];
    const withDead = request.type !== "prop" || request.props.some((p) => !isLive(p));
    const ids = [...(self ? [self.id] : []), ...children.map((c) => c.id)];
    const dead = withDead ? await loadDeadProperties(tx, ids, request.type === "prop" ? request.props.filter((p) => !isLive(p)) : undefined) : new Map();
    const responses = [
      responseXml({
        href: hrefOf(ctx.path, names, isCollection),
        propstats: propstatsFor({ item: self, displayName: self?.name ?? ctx.user }, (self && dead.get(self.id)) ?? [], request),
      }),
    ];
    const folderHref = hrefOf(ctx.path, names, true);
    for (const child of children) {
      const href = `${folderHref}${encodeSegment(child.name)}${child.kind === "FOLDER" ? "/" : ""}`;
      responses.push(responseXml({ href, propstats: propstatsFor(resourceOf(child), dead.get(child.id) ?? [], request) }));
    }
    return multistatusXml(responses);
  });
  if (body === null) return send(ctx.res, 404, "Nothing is at this path.", { "Content-Type": "text/plain; charset=utf-8" });
  sendXml(ctx.res, 207, body);
}

const resourceOf = (item: DavItem) => ({ item, displayName: item.name });

/** What a propfind body asks for; no body is allprop. */
function parsePropfind(root: XmlElement | null): PropRequest {
  if (!root) return { type: "allprop", include: [] };
  if (!isDav(root, "propfind")) throw new DomainError("INVALID_INPUT", "A PROPFIND body must be a DAV:propfind element.");
  const children = elements(root);
  const prop = children.find((c) => isDav(c, "prop"));
  if (prop) return { type: "prop", props: elements(prop).map(({ ns, local }) => ({ ns, local })) };
  if (children.some((c) => isDav(c, "propname"))) return { type: "propname" };
  if (children.some((c) => isDav(c, "allprop"))) {
    const include = children.find((c) => isDav(c, "include"));
    return { type: "allprop", include: include ? elements(include).map(({ ns, local }) => ({ ns, local })) : [] };
  }
  throw new DomainError("INVALID_INPUT", "A DAV:propfind must hold DAV:prop, DAV:allprop or DAV:propname.");
}
