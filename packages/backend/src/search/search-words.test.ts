import { describe, expect, it } from "vitest";
import { formMatches, indexTerms, normalizeWord, queryTerms, snippet, wordSegments, type WordSegment } from "./search-words";

/** Whether a message with `text` is found by `query`, as the token lookup decides it. */
function found(text: string, query: string): boolean {
  const indexed = indexTerms(text);
  return queryTerms(query).every((term) => indexed.has(term));
}

describe("search words", () => {
  it("finds words whatever their case, accents, compatibility forms or apostrophes", () => {
    expect(found("Le Déploiement est prêt", "deploiement PRET")).toBe(true);
    expect(found("deployment", "DÉPLOYMENT")).toBe(true);
    expect(found("Ｄｅｐｌｏｙ the ﬁle", "deploy file")).toBe(true);
    expect(found("the deployment’s log", "deployment's")).toBe(true);
  });

  it("needs every word of the query", () => {
    expect(found("the release is ready", "release ready")).toBe(true);
    expect(found("the release is ready", "release late")).toBe(false);
  });

  it("finds a word by its first three to twelve letters, shorter words only whole", () => {
    expect(found("deployment done", "deplo")).toBe(true);
    expect(found("deployment done", "dep")).toBe(true);
    expect(found("deployment done", "de")).toBe(false);
    expect(found("go there", "go")).toBe(true);
    expect(found("internationalization", "internationa")).toBe(true); // 12 letters
    expect(found("internationalization", "internationali")).toBe(false); // longer prefixes are not indexed
    expect(found("internationalization", "internationalization")).toBe(true);
    expect(found("deployment", "ployment")).toBe(false); // prefixes, not any part
  });

  it("finds the parts of words joined by punctuation", () => {
    expect(found("see l’API v2.3 in snake_case", "api")).toBe(true);
    expect(found("see l’API v2.3 in snake_case", "case snake")).toBe(true);
  });

  it("splits scripts written without spaces into words", () => {
    expect(found("東京都に住んでいます", "東京")).toBe(true);
    expect(found("東京都に住んでいます", "大阪")).toBe(false);
    expect(found("สวัสดีครับ ทุกคน", "สวัสดี")).toBe(true);
    expect(found("Привет, Мир", "мир")).toBe(true);
  });

  it("ignores single letters and punctuation, and dedupes", () => {
    expect(queryTerms("a b !! release, release")).toEqual(["release"]);
    expect(queryTerms("?!")).toEqual([]);
  });

  it("matches prefixes only from three letters, as the index does", () => {
    expect(formMatches("deployment", "dep")).toBe(true);
    expect(formMatches("deployment", "de")).toBe(false);
    expect(formMatches("de", "de")).toBe(true);
  });

  it("makes a snippet around the first match, marking matched words", () => {
    const text = `${"Lorem ipsum dolor sit amet. ".repeat(6)}Then the DEPLOYMENT failed\n\non node b, and the deployment was rolled back. ${"More words here. ".repeat(10)}`;
    const parts = snippet(text, queryTerms("deplo"));
    expect(parts[0]).toEqual({ text: "…", match: false });
    expect(parts.at(-1)).toEqual({ text: "…", match: false });
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(["DEPLOYMENT", "deployment"]);
    const whole = parts.map((p) => p.text).join("");
    expect(whole).toContain("Then the DEPLOYMENT failed on node b");
    expect(whole.length).toBeLessThan(200);
  });

  it("shows a short message whole", () => {
    expect(snippet("Ship it on Friday", ["friday"])).toEqual([
      { text: "Ship it on ", match: false },
      { text: "Friday", match: true },
    ]);
  });
});

describe("word segments", () => {
  // wordSegments as it was before it split at white space and took plain words itself: the whole text through ICU.
  const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });
  const unspaced = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  function icuWordSegments(text: string): WordSegment[] {
    const out: WordSegment[] = [];
    for (const segment of segmenter.segment(text)) {
      if (!segment.isWordLike) continue;
      const word = normalizeWord(segment.segment);
      const parts = word.split(/[^\p{L}\p{N}\p{M}]+/u);
      const forms = [...new Set(parts.length > 1 ? [word, ...parts] : [word])].filter((f) => [...f].length >= 2 || unspaced.test(f));
      if (forms.length > 0) out.push({ start: segment.index, end: segment.index + segment.segment.length, forms });
    }
    return out;
  }

  const samples = [
    "Hello world, this is plain prose.\r\nWith lines\tand tabs; numbers 42 and 1,000.50 too.",
    "see l’API v2.3 in snake_case, e.g. foo.bar@example.org or https://example.org/a-b?c=d#e",
    "Le Déploiement est prêt — naïve café, Ｄｅｐｌｏｙ the ﬁle; ÀÉÎÕÜ",
    "東京都に住んでいます 한국어 문장 カタカナ and mixed東京words",
    "emoji 👍🏽 family 👨‍👩‍👧 flags 🇫🇷🇩🇪 after words",
    " \u0301leading combining mark, \t\u200dzwj, a\u00a0nbsp, x\u2009thin space, \u2028line sep",
    "quotes \"quoted\" 'single' it's o'clock (parens) [brackets] {braces} a/b a-b a–b",
    "Hebrew שָׁלוֹם צה\"ל and Arabic مرحبا بالعالم, Thai สวัสดีครับ",
    "___ __init__ a_1 9am 3.14159 $100 50% #hash @mention <@3f2a9c4e-1b2d-4c3e-8f9a-0b1c2d3e4f5a>",
    "\u000b\f\r\n lone\r\rcr \n\n",
  ];

  it("finds the words ICU finds, at the same places", () => {
    for (const text of samples) expect(wordSegments(text), text).toEqual(icuWordSegments(text));
  });
});
