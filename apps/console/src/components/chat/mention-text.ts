// A mention is typed as @Name and stored as <@userId> (the server keeps the
// token, so a rename changes how a message reads instead of breaking it).

export type Person = { id: string; name: string };

const TOKEN = /<@([0-9a-f-]{36})>/gi;
const CHANNEL_WORD = /(^|[^\p{L}\p{N}_@])@channel(?![\p{L}\p{N}_-])/gu;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Turns the @Name of each of `people` in typed text into its token; longer names first, so "Ann Lee" wins over "Ann". */
export function toMentionTokens(text: string, people: readonly Person[]): string {
  let out = text;
  for (const person of [...people].sort((a, b) => b.name.length - a.name.length)) {
    if (!person.name) continue;
    out = out.replace(new RegExp(`(^|[^\\p{L}\\p{N}_])@${escapeRegExp(person.name)}(?![\\p{L}\\p{N}_])`, "gu"), `$1<@${person.id}>`);
  }
  return out;
}

/** A stored body as one types it again (for editing): each token as @Name. */
export function fromMentionTokens(body: string, mentions: readonly Person[]): string {
  const names = new Map(mentions.map((m) => [m.id.toLowerCase(), m.name]));
  return body.replace(TOKEN, (token, id: string) => (names.has(id.toLowerCase()) ? `@${names.get(id.toLowerCase())}` : token));
}

/** Markdown in which each mention is a link to "#mention-<id>" (or "#mention-channel"), which MessageMarkdown shows highlighted. */
export function mentionMarkdown(body: string, mentions: readonly Person[]): string {
  const names = new Map(mentions.map((m) => [m.id.toLowerCase(), m.name]));
  const label = (name: string) => name.replace(/[[\]\\*_`<>]/g, "\\$&");
  return body
    .replace(TOKEN, (_token, id: string) => `[@${label(names.get(id.toLowerCase()) ?? "someone")}](#mention-${id.toLowerCase()})`)
    .replace(CHANNEL_WORD, "$1[@channel](#mention-channel)");
}

/** The word being typed after an @ at the caret, if any: where it starts and what it says so far. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0 || (at > 0 && !/\s|[([{]/.test(before[at - 1]!))) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || /\s\s/.test(query)) return null;
  return { start: at, query };
}
