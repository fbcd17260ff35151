import sanitizeHtml from "sanitize-html";
import { cleanDeclarations, cleanStyleSheet } from "./css-sanitizer";

// HTML mail is shown in a sandboxed frame without scripts, under a CSP; this
// allow-list is the first wall, not the only one. What survives: text
// formatting, tables, links (opening elsewhere) and images the viewer allowed.

export type MailHtmlOptions = {
  /** Whether images from other hosts may load (the viewer allowed them, or trusts the sender). */
  allowRemoteImages: boolean;
  /** Where an inline part (`cid:`) is served, or null when the message has no part with that Content-ID. */
  inlineImageUrl: (contentId: string) => string | null;
};

export type SanitizedMailHtml = {
  html: string;
  /** Elements whose remote images were held back (img, backgrounds, styled elements). */
  blockedImages: number;
  /** Content-IDs of the inline parts the HTML shows. */
  usedContentIds: string[];
};

/** A grey frame standing in for a held-back image, sized by the img's own width and height when it has them. */
export const BLOCKED_IMAGE_PLACEHOLDER =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><rect width="24" height="24" fill="#e5e7eb"/><path d="M5 17l4-5 3 4 2-2 3 3z" fill="#9ca3af"/></svg>',
  );

const ALLOWED_TAGS = [
  "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br", "caption", "center", "cite",
  "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font",
  "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "nav",
  "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strike", "strong", "style", "sub",
  "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
];

const COMMON_ATTRIBUTES = ["style", "class", "id", "title", "dir", "lang", "align", "valign", "width", "height", "bgcolor"];
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  "*": COMMON_ATTRIBUTES,
  a: ["href", "target", "rel"],
  img: ["src", "srcset", "alt", "border", "hspace", "vspace"],
  font: ["color", "face", "size"],
  table: ["border", "cellpadding", "cellspacing", "background", "summary", "frame", "rules"],
  td: ["colspan", "rowspan", "nowrap", "background", "headers", "scope", "abbr"],
  th: ["colspan", "rowspan", "nowrap", "background", "headers", "scope", "abbr"],
  tr: ["background"],
  col: ["span"],
  colgroup: ["span"],
  ol: ["start", "type", "reversed"],
  ul: ["type"],
  li: ["value"],
  time: ["datetime"],
  hr: ["size", "noshade", "color"],
  details: ["open"],
  blockquote: ["cite"],
  q: ["cite"],
};

// Disallowed elements whose content goes with them, not only the tag: code,
// foreign markup (SVG, MathML, where <style> parses as markup), embedded
// documents and form controls.
const DROPPED_WITH_CONTENT = [
  "script", "style", "textarea", "option", "select", "xmp", "title", "template", "noembed", "noframes", "iframe", "frame",
  "frameset", "object", "embed", "applet", "svg", "math", "audio", "video", "canvas", "map", "datalist", "plaintext",
];

const LINK_SCHEMES = /^(https?:|mailto:|tel:)/i;
const RASTER_DATA_IMAGE = /^data:image\/(png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=]*$/i;

// Browsers drop ASCII tabs and newlines inside URLs and trim spaces and controls around them: read URLs as they do.
const asBrowserReads = (url: string) => url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");

type ImageVerdict = { url: string | null; blocked: boolean };

export function sanitizeMailHtml(html: string, options: MailHtmlOptions): SanitizedMailHtml {
  let blockedImages = 0;
  const usedContentIds = new Set<string>();

  /** An image address as it may load: inline parts rewritten, remote ones held back unless allowed, anything else dropped. */
  function imageUrl(raw: string): ImageVerdict {
    const url = asBrowserReads(raw);
    if (/^cid:/i.test(url)) {
      const contentId = safeDecode(url.slice(4));
      const served = contentId ? options.inlineImageUrl(contentId) : null;
      if (served && contentId) usedContentIds.add(contentId);
      return { url: served, blocked: false };
    }
    if (RASTER_DATA_IMAGE.test(url)) return { url, blocked: false };
    const remote = /^https?:\/\//i.test(url) ? url : url.startsWith("//") ? `https:${url}` : null;
    if (!remote) return { url: null, blocked: false };
    return options.allowRemoteImages ? { url: remote, blocked: false } : { url: null, blocked: true };
  }

  /** Cleans one element's image-bearing attributes; true when it held back a remote image. */
  function cleanImageAttributes(tag: string, attribs: Record<string, string>): boolean {
    let blocked = false;
    if (attribs.style !== undefined) {
      const style = cleanDeclarations(attribs.style, (url) => {
        const verdict = imageUrl(url);
        blocked ||= verdict.blocked;
        return verdict.url;
      });
      if (style) attribs.style = style;
      else delete attribs.style;
    }
    if (attribs.background !== undefined) {
      const verdict = imageUrl(attribs.background);
      blocked ||= verdict.blocked;
      if (verdict.url) attribs.background = verdict.url;
      else delete attribs.background;
    }
    if (tag === "img") {
      if (attribs.srcset !== undefined) {
        const candidates = attribs.srcset.split(",").map((c) => c.trim()).filter(Boolean);
        const kept = candidates.filter((candidate) => {
          const verdict = imageUrl(candidate.split(/\s+/)[0] ?? "");
          blocked ||= verdict.blocked;
          return verdict.url !== null && !verdict.url.startsWith("data:");
        });
        if (kept.length === candidates.length && kept.length > 0) attribs.srcset = kept.join(", ");
        else delete attribs.srcset;
      }
      const verdict = imageUrl(attribs.src ?? "");
      blocked ||= verdict.blocked;
      if (verdict.blocked) {
        attribs.src = BLOCKED_IMAGE_PLACEHOLDER;
        attribs.title = "Remote image hidden";
      } else if (verdict.url) attribs.src = verdict.url;
      else delete attribs.src;
    }
    return blocked;
  }

  const sanitized = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: Object.fromEntries(["img", "table", "tr", "td", "th"].map((tag) => [tag, ["http", "https", "data"]])),
    allowedSchemesAppliedToAttributes: ["href", "src", "cite", "background"],
    allowProtocolRelative: false,
    // <style> text is copied as it is by sanitize-html; it is rebuilt below from what cleanStyleSheet keeps.
    allowVulnerableTags: true,
    parseStyleAttributes: false,
    nonTextTags: DROPPED_WITH_CONTENT,
    disallowedTagsMode: "discard",
    transformTags: {
      "*": (tagName, attribs) => {
        if (cleanImageAttributes(tagName, attribs)) blockedImages++;
        if (tagName === "a") {
          const href = asBrowserReads(attribs.href ?? "");
          if (LINK_SCHEMES.test(href)) attribs.href = href;
          else delete attribs.href;
          attribs.target = "_blank";
          attribs.rel = "noopener noreferrer nofollow";
        }
        if (tagName === "style") {
          for (const name of Object.keys(attribs)) delete attribs[name];
        }
        return { tagName, attribs };
      },
    },
  });

  // sanitize-html ends a <style> where the HTML parser does (at "</style"), and
  // escapes "<" everywhere else, so each match below is one whole <style> element.
  const withCleanSheets = sanitized.replace(/<style>([\s\S]*?)<\/style>/g, (_whole, sheet: string) => {
    let blocked = false;
    const clean = cleanStyleSheet(sheet, (url) => {
      const verdict = imageUrl(url);
      blocked ||= verdict.blocked;
      return verdict.url;
    });
    if (blocked) blockedImages++;
    return clean ? `<style>${clean}</style>` : "";
  });

  return { html: withCleanSheets, blockedImages, usedContentIds: [...usedContentIds] };
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
