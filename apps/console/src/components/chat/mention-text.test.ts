import { describe, expect, it } from "vitest";
import { fromMentionTokens, mentionMarkdown, mentionQueryAt, toMentionTokens } from "./mention-text";

const ann = { id: "0b6c9a4e-3f7a-4a55-9d2e-1f0c2b3a4d5e", name: "Ann" };
const annLee = { id: "7e1d2c3b-4a59-4687-b6c5-d4e3f2a1b0c9", name: "Ann Lee" };

describe("mentions as typed and as stored", () => {
  it("turns @Name into tokens, the longest name first, and back for editing", () => {
    const typed = "@Ann Lee and @Ann, mail ann@example.test or @Annabel";
    const stored = toMentionTokens(typed, [ann, annLee]);
    expect(stored).toBe(`<@${annLee.id}> and <@${ann.id}>, mail ann@example.test or @Annabel`);
    expect(fromMentionTokens(stored, [ann, annLee])).toBe(typed);
  });

  it("renders tokens and @channel as mention links, a former member as someone", () => {
    expect(mentionMarkdown(`hi <@${ann.id}> <@00000000-0000-4000-8000-000000000000> @channel`, [ann])).toBe(
      `hi [@Ann](#mention-${ann.id}) [@someone](#mention-00000000-0000-4000-8000-000000000000) [@channel](#mention-channel)`,
    );
    expect(mentionMarkdown("x@channel and @channels", [])).toBe("x@channel and @channels");
  });

  it("finds the word typed after @ at the caret", () => {
    expect(mentionQueryAt("hello @An", 9)).toEqual({ start: 6, query: "An" });
    expect(mentionQueryAt("@Ann Lee", 8)).toEqual({ start: 0, query: "Ann Lee" });
    expect(mentionQueryAt("mail ann@ex", 11)).toBeNull();
    expect(mentionQueryAt("no at here", 5)).toBeNull();
  });
});
