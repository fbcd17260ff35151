// CSS from mail, for style attributes and <style> blocks. A mail's CSS may
// lay out and colour the message; it may not run anything (IE's expression(),
// behavior, -moz-binding), pull in other sheets (@import), or fetch from the
// network except images the caller allows (url() is handed to `resolveUrl`).
// Anything the cleaner cannot read for certain is dropped, not repaired.

/** What becomes of a url(): the address to keep (possibly rewritten), or null to drop its declaration. */
export type CssUrlResolver = (url: string) => string | null;

// Functions that run code or fetch without url(): image-set("https://…") and
// image("…") take plain strings; src() takes var(); element() reaches other nodes.
const FORBIDDEN_VALUE = /expression|javascript|vbscript|behavio|binding|@import|image-set|\bimage\s*\(|\bsrc\s*\(|element\s*\(|[<\\]/i;
const FORBIDDEN_PROPERTY = /behavio|binding/i;
const PROPERTY_NAME = /^-{0,2}[a-z][a-z0-9-]*$/i;
const URL_FUNCTION = /url\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']*))\s*\)/gi;
// At-rules whose block holds rules again; every other at-rule (@import,
// @font-face, @namespace, @charset, @document, ...) is dropped with its block.
const NESTING_AT_RULES = /^@(media|supports|container|layer)\b/i;
const KEYFRAMES_AT_RULE = /^@(-webkit-|-moz-)?keyframes\s+[a-z0-9_-]+$/i;
const SAFE_PRELUDE = /^[^{};<\\]*$/;

// Comments can hide what follows ("expr/**/ession"); removing them without a trace shows it whole.
const withoutComments = (css: string) => css.replace(/\/\*[\s\S]*?(\*\/|$)/g, "");

/** Splits `text` at `separator` where it is outside strings and parentheses. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** One declaration made safe, or null when it must go. */
function cleanDeclaration(declaration: string, resolveUrl: CssUrlResolver): string | null {
  const colon = declaration.indexOf(":");
  if (colon < 0) return null;
  const property = declaration.slice(0, colon).trim().toLowerCase();
  let value = declaration.slice(colon + 1).trim();
  if (!PROPERTY_NAME.test(property) || FORBIDDEN_PROPERTY.test(property)) return null;
  if (!value || FORBIDDEN_VALUE.test(value)) return null;
  // Every url( must be one this reader understands; a malformed one could read differently in a browser.
  const urlCount = (value.match(/url\s*\(/gi) ?? []).length;
  let understood = 0;
  let dropped = false;
  value = value.replace(URL_FUNCTION, (_match, doubleQuoted?: string, singleQuoted?: string, bare?: string) => {
    understood++;
    const resolved = resolveUrl((doubleQuoted ?? singleQuoted ?? bare ?? "").trim());
    if (resolved === null || /["'()\s]/.test(resolved)) {
      dropped = true;
      return "";
    }
    return `url(${resolved})`;
  });
  if (dropped || understood !== urlCount) return null;
  return `${property}: ${value}`;
}

/** A style attribute's declarations, without the unsafe ones. */
export function cleanDeclarations(css: string, resolveUrl: CssUrlResolver): string {
  return splitTopLevel(withoutComments(css), ";")
    .filter((part) => part.trim())
    .map((part) => cleanDeclaration(part, resolveUrl))
    .filter((part): part is string => part !== null)
    .join("; ");
}

type Block = { prelude: string; body: string | null; rest: string };

/** The next rule of a sheet: its prelude and the text of its {…} block (null for a statement ending in `;`). */
function nextBlock(css: string): Block | null {
  let quote: string | null = null;
  for (let i = 0; i < css.length; i++) {
    const c = css[i]!;
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === ";") return { prelude: css.slice(0, i), body: null, rest: css.slice(i + 1) };
    else if (c === "{") {
      let depth = 1;
      let inner: string | null = null;
      for (let j = i + 1; j < css.length; j++) {
        const d = css[j]!;
        if (inner) {
          if (d === inner) inner = null;
        } else if (d === '"' || d === "'") inner = d;
        else if (d === "{") depth++;
        else if (d === "}" && --depth === 0) return { prelude: css.slice(0, i), body: css.slice(i + 1, j), rest: css.slice(j + 1) };
      }
      return { prelude: css.slice(0, i), body: css.slice(i + 1), rest: "" };
    }
  }
  return null;
}

function cleanRules(css: string, resolveUrl: CssUrlResolver, depth: number): string {
  const out: string[] = [];
  let rest = css;
  for (let block = nextBlock(rest); block; block = nextBlock(rest)) {
    rest = block.rest;
    const prelude = block.prelude.trim();
    if (block.body === null || !prelude || !SAFE_PRELUDE.test(prelude) || /url\s*\(/i.test(prelude)) continue;
    if (prelude.startsWith("@")) {
      if (depth < 4 && (NESTING_AT_RULES.test(prelude) || KEYFRAMES_AT_RULE.test(prelude))) {
        const inner = cleanRules(block.body, resolveUrl, depth + 1);
        if (inner) out.push(`${prelude} {\n${inner}\n}`);
      }
      continue;
    }
    const declarations = cleanDeclarations(block.body, resolveUrl);
    if (declarations) out.push(`${prelude} { ${declarations} }`);
  }
  return out.join("\n");
}

/** A <style> block's sheet, rebuilt from the rules and declarations that are safe. */
export function cleanStyleSheet(css: string, resolveUrl: CssUrlResolver): string {
  return cleanRules(withoutComments(css), resolveUrl, 0);
}
