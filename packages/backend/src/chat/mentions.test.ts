import { describe, expect, it } from "vitest";
import { indexTerms } from "../search/search-words";
import { mentionsIn, withMentionNames } from "./mentions";

describe("mentionsIn", () => {
  it("finds each person's token once and @channel as a word", () => {
    const id = "0B6C9A4E-3F7A-4A55-9D2E-1F0C2B3A4D5E";
    expect(mentionsIn(`<@${id}> and <@${id.toLowerCase()}>, @channel!`)).toEqual({ userIds: [id.toLowerCase()], channel: true });
    expect(mentionsIn("(@channel)").channel).toBe(true);
  });

  it("ignores addresses, longer words and malformed tokens", () => {
    expect(mentionsIn("bob@channel.example @channels @channel-ops <@not-a-uuid>")).toEqual({ userIds: [], channel: false });
  });
});

describe("mentions in search", () => {
  const id = "3f2a9c4e-1b2d-4c3e-8f9a-0b1c2d3e4f5a";
  it("indexes a mention as nothing, not its id, and shows it as the person's name", () => {
    const text = `ping <@${id}> about the rollout`;
    const indexed = indexTerms(withMentionNames(text)); // what chat's search index is given
    expect([...indexed].some((t) => t.includes("3f2a"))).toBe(false);
    expect(indexed.has("rollout")).toBe(true);
    expect(withMentionNames(text, new Map([[id, "Ann Lee"]]))).toBe("ping @Ann Lee about the rollout");
    expect(withMentionNames(text, new Map())).toBe("ping @Former member about the rollout");
  });
});
