import { describe, expect, it } from "vitest";
import { formMatches, indexTerms, queryTerms, snippet, withMentionNames } from "./search-words";

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

describe("mentions in search", () => {
  const id = "3f2a9c4e-1b2d-4c3e-8f9a-0b1c2d3e4f5a";
  it("does not index a mention's id, and shows it as the person's name", () => {
    const text = `ping <@${id}> about the rollout`;
    expect([...indexTerms(text)].some((t) => t.includes("3f2a"))).toBe(false);
    expect(indexTerms(text).has("rollout")).toBe(true);
    expect(withMentionNames(text, new Map([[id, "Ann Lee"]]))).toBe("ping @Ann Lee about the rollout");
    expect(withMentionNames(text, new Map())).toBe("ping @Former member about the rollout");
  });
});
