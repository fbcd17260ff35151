// The words of a message as search sees them, on both sides of the blind
// index: what gets hashed when a message is indexed, what a query asks for,
// and which words of an opened message a result marks.

const SEGMENTER = new Intl.Segmenter(undefined, { granularity: "word" });

/**
 * Prefixes of a word are indexed from this many characters, so "deplo" finds
 * "deployment"; shorter queries match whole words only. Scripts written
 * without spaces index every prefix: there one character is often a word.
 */
const MIN_PREFIX = 3;
/** Prefixes stop here; a longer query word matches only that exact word. */
export const MAX_PREFIX = 12;

const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function minPrefix(word: string): number {
  return UNSPACED.test(word) ? 1 : MIN_PREFIX;
}

const ASCII = /^[\x00-\x7f]*$/;

/** One spelling for what a reader takes as the same word: compatibility forms, case, Latin accents, curly apostrophes. */
export function normalizeWord(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase(); // every other step leaves ASCII as it is
  return word
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .replace(/[\u2018\u2019\u02bc]/g, "'");
}

function characters(word: string): string[] {
  return ASCII.test(word) ? word.split("") : [...word];
}

/** A single Latin-like character says too little to search for; a single ideograph is a word. */
function isSearchable(form: string): boolean {
  return characters(form).length >= 2 || UNSPACED.test(form);
}

export type WordSegment = { start: number; end: number; forms: string[] };

/**
 * The words of `text` with their place in it. A word joined by punctuation
 * ("l'API", "v2.3", "snake_case") also counts as its parts, so "api" finds it.
 */
export function wordSegments(text: string): WordSegment[] {
  const out: WordSegment[] = [];
  // Word boundaries never reach across ASCII white space (Unicode's word-break
  // rules), so each run between spaces is segmented alone, and a run of ASCII
  // letters and digits, most of any prose, is one word without asking ICU.
  for (const run of text.matchAll(/[^ \t\r\n\f\v]+/g)) {
    const at = run.index;
    if (PLAIN_WORD.test(run[0])) {
      const form = run[0].toLowerCase();
      if (isSearchable(form)) out.push({ start: at, end: at + form.length, forms: [form] });
      continue;
    }
    for (const segment of SEGMENTER.segment(run[0])) {
      if (!segment.isWordLike) continue;
      const forms = formsOf(segment.segment);
      if (forms.length > 0) out.push({ start: at + segment.index, end: at + segment.index + segment.segment.length, forms });
    }
  }
  return out;
}

const PLAIN_WORD = /^[A-Za-z0-9]+$/;

/** A word as search knows it, and the parts it joins by punctuation. */
function formsOf(segment: string): string[] {
  const word = normalizeWord(segment);
  const parts = word.split(/[^\p{L}\p{N}\p{M}]+/u);
  return [...new Set(parts.length > 1 ? [word, ...parts] : [word])].filter(isSearchable);
}

/** What a message is indexed under: each word, and its prefixes from MIN_PREFIX up to MAX_PREFIX characters. */
export function indexTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const { forms } of wordSegments(text)) {
    for (const form of forms) {
      if (terms.has(form)) continue; // seen as a word or a prefix: its own prefixes are in already
      const chars = characters(form);
      terms.add(form);
      for (let length = minPrefix(form); length < chars.length && length <= MAX_PREFIX; length++) terms.add(chars.slice(0, length).join(""));
    }
  }
  return terms;
}

/**
 * What a query asks for: every term must be among a message's index terms.
 * A term is a prefix when it is MIN_PREFIX..MAX_PREFIX characters long, a
 * whole word otherwise.
 */
export function queryTerms(query: string): string[] {
  return [...new Set(wordSegments(query).flatMap((s) => s.forms))];
}

/** Whether an indexed word form is one a query term asks for (as indexTerms would have matched it). */
export function formMatches(form: string, term: string): boolean {
  if (form === term) return true;
  const length = characters(term).length;
  return length >= minPrefix(term) && length <= MAX_PREFIX && form.startsWith(term);
}

export type SnippetPart = { text: string; match: boolean };

const SNIPPET_CHARS = 160;
/** Context kept before the first matched word. */
const SNIPPET_LEAD = 40;

/**
 * A short excerpt of an opened message around its first matched word, in
 * parts so the page can mark matches without rendering any of it as HTML.
 */
export function snippet(text: string, terms: readonly string[]): SnippetPart[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const segments = wordSegments(flat);
  const hits = segments.filter((s) => s.forms.some((form) => terms.some((term) => formMatches(form, term))));
  const first = hits[0];
  let start = 0;
  if (first && first.start > SNIPPET_LEAD) {
    const from = first.start - SNIPPET_LEAD;
    start = segments.find((s) => s.start >= from)?.start ?? first.start;
  }
  let end = Math.min(flat.length, start + SNIPPET_CHARS);
  if (end < flat.length) end = segments.findLast((s) => s.start >= start && s.end <= end)?.end ?? end;
  if (first) end = Math.max(end, first.end);

  const parts: SnippetPart[] = [];
  const plain = (from: number, to: number) => {
    if (to > from) parts.push({ text: flat.slice(from, to), match: false });
  };
  if (start > 0) parts.push({ text: "…", match: false });
  let at = start;
  for (const hit of hits) {
    if (hit.start < start || hit.end > end) continue;
    plain(at, hit.start);
    parts.push({ text: flat.slice(hit.start, hit.end), match: true });
    at = hit.end;
  }
  plain(at, end);
  if (end < flat.length) parts.push({ text: "…", match: false });
  return parts;
}
