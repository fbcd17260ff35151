import { describe, expect, it } from "vitest";
import { mentionsIn } from "./mentions";

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
