import { DomainError } from "../errors";

// A namespace-aware reader for the small XML bodies WebDAV clients send
// (propfind, propertyupdate), and the escaping the multistatus writer needs.
// No DTDs and no external entities: a DOCTYPE is refused outright.

export type XmlElement = { ns: string; local: string; attrs: XmlAttr[]; children: XmlNode[] };
export type XmlAttr = { ns: string; local: string; value: string };
export type XmlNode = XmlElement | string;

const NAME = /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*)?/u;
const XML_NS = "http://www.w3.org/XML/1998/namespace";

const badXml = (why: string) => new DomainError("INVALID_INPUT", `The request body is not well-formed XML: ${why}.`);

/** Parses a document into its root element, or refuses it with INVALID_INPUT. */
export function parseXml(text: string): XmlElement {
  let at = 0;
  const rest = () => text.slice(at);
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith("<?", at)) at = after("?>");
      else if (text.startsWith("<!--", at)) at = after("-->");
      else if (text.startsWith("<!DOCTYPE", at)) throw badXml("document type declarations are not accepted");
      else return;
    }
  };
  const after = (end: string) => {
    const found = text.indexOf(end, at);
    if (found < 0) throw badXml(`missing “${end}”`);
    return found + end.length;
  };

  type Raw = { qname: string; attrs: [string, string][]; children: (Raw | string)[] };
  const readName = () => {
    const match = NAME.exec(rest());
    if (!match) throw badXml(`a name was expected at character ${at}`);
    at += match[0].length;
    return match[0];
  };
  const readElement = (): Raw => {
    if (text[at] !== "<") throw badXml(`an element was expected at character ${at}`);
    at++;
    const qname = readName();
    const attrs: [string, string][] = [];
    for (;;) {
      skipSpace();
      if (text.startsWith("/>", at)) {
        at += 2;
        return { qname, attrs, children: [] };
      }
      if (text[at] === ">") {
        at++;
        break;
      }
      const name = readName();
      skipSpace();
      if (text[at] !== "=") throw badXml(`attribute “${name}” has no value`);
      at++;
      skipSpace();
      const quote = text[at];
      if (quote !== '"' && quote !== "'") throw badXml(`attribute “${name}” is not quoted`);
      const end = text.indexOf(quote, at + 1);
      if (end < 0) throw badXml(`attribute “${name}” is not closed`);
      if (attrs.some(([n]) => n === name)) throw badXml(`attribute “${name}” is repeated`);
      attrs.push([name, decodeEntities(text.slice(at + 1, end))]);
      at = end + 1;
    }
    const children: (Raw | string)[] = [];
    for (;;) {
      if (at >= text.length) throw badXml(`“${qname}” is not closed`);
      if (text.startsWith("</", at)) {
        at += 2;
        const closing = readName();
        skipSpace();
        if (closing !== qname || text[at] !== ">") throw badXml(`“${qname}” is closed by “${closing}”`);
        at++;
        return { qname, attrs, children };
      }
      if (text.startsWith("<!--", at)) at = after("-->");
      else if (text.startsWith("<![CDATA[", at)) {
        const end = after("]]>");
        children.push(text.slice(at + 9, end - 3));
        at = end;
      } else if (text.startsWith("<?", at)) at = after("?>");
      else if (text[at] === "<") children.push(readElement());
      else {
        const end = text.indexOf("<", at);
        const raw = text.slice(at, end < 0 ? text.length : end);
        children.push(decodeEntities(raw));
        at += raw.length;
      }
    }
  };

  skipMisc();
  const root = readElement();
  skipMisc();
  if (at < text.length) throw badXml("there is content after the root element");
  return resolveNamespaces(root, new Map([["xml", XML_NS]]));

  function resolveNamespaces(raw: Raw, scope: Map<string, string>): XmlElement {
    const inner = new Map(scope);
    for (const [name, value] of raw.attrs) {
      if (name === "xmlns") inner.set("", value);
      else if (name.startsWith("xmlns:")) {
        // Namespaces in XML 1.0: a prefix cannot be bound to the empty name.
        if (value === "") throw badXml(`the prefix “${name.slice(6)}” is bound to an empty namespace`);
        inner.set(name.slice(6), value);
      }
    }
    const split = (qname: string, isAttribute: boolean) => {
      const colon = qname.indexOf(":");
      if (colon < 0) return { ns: isAttribute ? "" : (inner.get("") ?? ""), local: qname };
      const ns = inner.get(qname.slice(0, colon));
      if (ns === undefined) throw badXml(`the prefix “${qname.slice(0, colon)}” is not declared`);
      return { ns, local: qname.slice(colon + 1) };
    };
    return {
      ...split(raw.qname, false),
      attrs: raw.attrs.filter(([n]) => n !== "xmlns" && !n.startsWith("xmlns:")).map(([n, value]) => ({ ...split(n, true), value })),
      children: raw.children.map((c) => (typeof c === "string" ? c : resolveNamespaces(c, inner))),
    };
  }
}

function decodeEntities(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);|&/g, (whole, entity: string | undefined) => {
    if (!entity) throw badXml("a “&” is not escaped");
    if (entity.startsWith("#x")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[entity]!;
  });
}

export const elements = (node: XmlElement): XmlElement[] => node.children.filter((c): c is XmlElement => typeof c !== "string");
export const isDav = (node: XmlElement, local: string) => node.ns === "DAV:" && node.local === local;

export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/**
 * An element's content as standalone XML: every element names its
 * namespace itself, so the text can be stored and later written inside any
 * other document unchanged in meaning.
 */
export function serializeContent(node: XmlElement): string {
  return node.children.map((c) => (typeof c === "string" ? escapeXml(c) : serializeElement(c))).join("");
}

function serializeElement(node: XmlElement): string {
  const prefixes = new Map<string, string>();
  const prefixFor = (ns: string) => {
    if (!prefixes.has(ns)) prefixes.set(ns, `x${prefixes.size}`);
    return prefixes.get(ns)!;
  };
  const tag = node.ns ? `${prefixFor(node.ns)}:${node.local}` : node.local;
  const attrs = node.attrs.map((a) => ` ${a.ns ? `${a.ns === XML_NS ? "xml" : prefixFor(a.ns)}:` : ""}${a.local}="${escapeXml(a.value)}"`).join("");
  const declarations = [...prefixes].filter(([ns]) => ns !== XML_NS).map(([ns, p]) => ` xmlns:${p}="${escapeXml(ns)}"`).join("");
  // An element in no namespace inside a default-namespaced parent must undeclare it.
  const undeclare = node.ns ? "" : ' xmlns=""';
  const content = serializeContent(node);
  return content === "" ? `<${tag}${undeclare}${declarations}${attrs}/>` : `<${tag}${undeclare}${declarations}${attrs}>${content}</${tag}>`;
}
