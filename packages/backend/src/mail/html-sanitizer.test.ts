import { describe, expect, it } from "vitest";
import { BLOCKED_IMAGE_PLACEHOLDER, sanitizeMailHtml, type MailHtmlOptions } from "./html-sanitizer";
import { XSS_CORPUS } from "./xss-corpus";

const INLINE = "http://console.test/api/mail/o/messages/m/attachments/0?inline=1";
const blocked: MailHtmlOptions = { allowRemoteImages: false, inlineImageUrl: (cid) => (cid === "logo@x" ? INLINE : null) };
const allowed: MailHtmlOptions = { ...blocked, allowRemoteImages: true };

const SAFE_TAGS = new Set([
  "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br", "caption", "center", "cite",
  "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font",
  "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "nav",
  "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strike", "strong", "style", "sub",
  "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
]);

/** Everything in sanitized output that could run, fetch or navigate unasked; empty when it is safe. */
function dangersIn(html: string): string[] {
  const found: string[] = [];
  for (const [, tag] of html.matchAll(/<\/?([a-zA-Z][\w:-]*)/g)) if (!SAFE_TAGS.has(tag!.toLowerCase())) found.push(`tag <${tag}>`);
  // Attribute names only: sanitized values are quoted and escaped, and text may mention anything.
  for (const [tag] of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    for (const [, name] of tag.replace(/="[^"]*"/g, "").matchAll(/\s([^\s/>]+)/g)) {
      if (/^(on[a-z]+|formaction|action|srcdoc|ping|xlink:href|poster|http-equiv)$/i.test(name!)) found.push(`attribute ${name}`);
    }
  }
  for (const [word] of html.matchAll(/javascript:|vbscript:|data:text|expression\s*\(|@import|binding|behavior|image-set/gi)) found.push(word);
  if (/evil\.example/.test(html.replace(/<a [^>]*>/g, ""))) found.push("a request to evil.example");
  return found;
}

describe("sanitizeMailHtml against the XSS corpus", () => {
  it("holds at least 30 vectors", () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(30);
  });

  for (const vector of XSS_CORPUS) {
    it(`leaves nothing that runs: ${vector.name}`, () => {
      const { html } = sanitizeMailHtml(vector.html, blocked);
      expect(dangersIn(html)).toEqual([]);
    });
  }

  it("finds what the check looks for (the check itself can fail)", () => {
    expect(dangersIn(`<img src=x onerror="a()"><script></script><a href="javascript:x">`)).toEqual(["tag <script>", "tag <script>", "attribute onerror", "javascript:"]);
  });

  it("keeps the readable part of hostile mail", () => {
    expect(sanitizeMailHtml(`<p>Hi</p><script>alert(1)</script>`, blocked).html).toBe("<p>Hi</p>");
    expect(sanitizeMailHtml(`<form><input name="q"><button>Go</button></form>`, blocked).html).toBe("Go");
    expect(sanitizeMailHtml(`<svg><text>secret</text></svg><p>after</p>`, blocked).html).toBe("<p>after</p>");
    expect(sanitizeMailHtml(`<head><title>Subject</title><style>p{color:red}</style></head><p>x</p>`, blocked).html).toBe("<style>p { color: red }</style><p>x</p>");
  });
});

describe("links", () => {
  it("open in a new browsing context without referrer or opener", () => {
    expect(sanitizeMailHtml(`<a href="https://example.org/a?b=1&amp;c=2" target="_self" rel="opener">x</a>`, blocked).html).toBe(
      '<a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow">x</a>',
    );
  });

  it("keep mailto: and tel:, and lose relative and script addresses", () => {
    expect(sanitizeMailHtml(`<a href="mailto:ann@example.org">m</a>`, blocked).html).toContain('href="mailto:ann@example.org"');
    expect(sanitizeMailHtml(`<a href="tel:+123">t</a>`, blocked).html).toContain('href="tel:+123"');
    expect(sanitizeMailHtml(`<a href="/api/files/x">r</a>`, blocked).html).not.toContain("href");
    expect(sanitizeMailHtml(`<a href="java\nscript:alert(1)">j</a>`, blocked).html).not.toContain("href");
  });
});

describe("remote images", () => {
  it("are replaced by a placeholder and counted per element until allowed", () => {
    const html = `<img src="https://evil.example/a.png" width="600" height="200" alt="Banner"><img src="http://evil.example/b.png"><p style="background:url(https://evil.example/c.png);color:red">x</p>`;
    const held = sanitizeMailHtml(html, blocked);
    expect(held.blockedImages).toBe(3);
    expect(held.html).toContain(`src="${BLOCKED_IMAGE_PLACEHOLDER.replace(/&/g, "&amp;")}"`);
    expect(held.html).toContain('width="600" height="200" alt="Banner"');
    expect(held.html).toContain('style="color: red"');
    expect(held.html).not.toContain("evil.example");

    const shown = sanitizeMailHtml(html, allowed);
    expect(shown.blockedImages).toBe(0);
    expect(shown.html).toContain('src="https://evil.example/a.png"');
    expect(shown.html).toContain("url(https://evil.example/c.png)");
  });

  it("hold back srcset, background attributes and CSS backgrounds in <style>", () => {
    const html = `<style>.hero { background-image: url("https://evil.example/hero.jpg"); color: #333 }</style><table background="https://evil.example/t.jpg"><tr><td>x</td></tr></table><img src="cid:logo@x" srcset="https://evil.example/2x.png 2x">`;
    const held = sanitizeMailHtml(html, blocked);
    expect(held.blockedImages).toBe(3);
    expect(held.html).toBe(`<style>.hero { color: #333 }</style><table><tr><td>x</td></tr></table><img src="${INLINE.replace(/&/g, "&amp;")}" />`);
    const shown = sanitizeMailHtml(html, allowed);
    expect(shown.html).toContain('srcset="https://evil.example/2x.png 2x"');
    expect(shown.html).toContain('background="https://evil.example/t.jpg"');
  });

  it("keep raster data: images and inline parts, and drop other data: images", () => {
    const png = "data:image/png;base64,iVBORw0KGgo=";
    expect(sanitizeMailHtml(`<img src="${png}">`, blocked)).toMatchObject({ html: `<img src="${png}" />`, blockedImages: 0 });
    expect(sanitizeMailHtml(`<img src="data:image/svg+xml,<svg onload=alert(1)>">`, blocked).html).toBe("<img />");
    const inline = sanitizeMailHtml(`<img src="cid:logo@x"><img src="cid:unknown@x">`, blocked);
    expect(inline.usedContentIds).toEqual(["logo@x"]);
    expect(inline.html).toBe(`<img src="${INLINE.replace(/&/g, "&amp;")}" /><img />`);
  });
});

describe("CSS", () => {
  it("keeps layout and colour, and @media rules", () => {
    const { html } = sanitizeMailHtml(
      `<style>@media (max-width: 600px) { .col { width: 100% !important } } p { font: 14px/1.4 "Helvetica Neue", Arial }</style><p style="margin:0 auto;color:rgb(1,2,3)">x</p>`,
      blocked,
    );
    expect(html).toBe(`<style>@media (max-width: 600px) {\n.col { width: 100% !important }\n}\np { font: 14px/1.4 "Helvetica Neue", Arial }</style><p style="margin: 0 auto; color: rgb(1,2,3)">x</p>`);
  });

  it("drops @import, @font-face and unreadable rules", () => {
    const { html } = sanitizeMailHtml(`<style>@import "https://evil.example/a.css"; @font-face { font-family: X; src: url(https://evil.example/f.woff) } p { color: red; </style>`, allowed);
    expect(html).toBe("<style>p { color: red }</style>");
  });
});
