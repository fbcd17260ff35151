import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import type { MailAddressee, MailSummary } from "./mail-summary";

/** What storing a message needs from its raw bytes: the summary lists show, threading headers and the words it is found by. */
export type MailContent = {
  summary: MailSummary;
  /** The Message-ID header, if any. */
  messageId: string | null;
  /** In-Reply-To and References: the messages this one answers. */
  references: string[];
  /** The Date header, when it is a real date. */
  sentAt: Date | null;
  hasAttachments: boolean;
  /** Sender, recipients, subject and the start of the body: what search indexes. */
  searchText: string;
};

const SNIPPET_CHARS = 200;
/** Only the start of a long body is indexed: enough to find a message by what it says, without thousands of tokens per newsletter. */
const INDEXED_BODY_CHARS = 10_000;

function addressees(value: AddressObject | AddressObject[] | undefined): MailAddressee[] {
  const groups = value ? (Array.isArray(value) ? value : [value]) : [];
  // A group ("undisclosed-recipients:;") lists its members in `group`.
  return groups.flatMap((g) => g.value.flatMap((a) => (a.group ? a.group : [a]))).map((a) => ({ name: a.name ?? "", address: (a.address ?? "").toLowerCase() }));
}

function messageIds(value: string | string[] | undefined): string[] {
  const all = Array.isArray(value) ? value : value ? [value] : [];
  // A References header some clients fold badly arrives as one string of several ids.
  return [...new Set(all.flatMap((v) => v.match(/<[^<>\s]+>/g) ?? (v.trim() ? [v.trim()] : [])))];
}

function fromParsed(parsed: ParsedMail): MailContent {
  const from = addressees(parsed.from)[0] ?? null;
  const to = addressees(parsed.to);
  const cc = addressees(parsed.cc);
  const subject = (parsed.subject ?? "").trim();
  const text = parsed.text ?? "";
  const attachments = parsed.attachments
    .filter((a) => !a.related)
    .map((a) => ({ name: a.filename ?? "attachment", mediaType: a.contentType, size: a.size }));
  const people = [from, ...to, ...cc].filter((a): a is MailAddressee => a !== null).map((a) => `${a.name} ${a.address}`);
  return {
    summary: { from, to, cc, subject, snippet: text.replace(/\s+/g, " ").trim().slice(0, SNIPPET_CHARS), attachments },
    messageId: parsed.messageId ? parsed.messageId.trim() : null,
    references: messageIds([...messageIds(parsed.inReplyTo), ...messageIds(parsed.references)]),
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    hasAttachments: attachments.length > 0,
    searchText: [...people, subject, text.slice(0, INDEXED_BODY_CHARS)].join("\n"),
  };
}

/**
 * Reads a message with mailparser, which is lenient: broken MIME still gives
 * what it could read. Should it throw all the same, the message is kept with
 * an empty summary: the raw bytes are what counts, and they are stored.
 */
export async function readMailContent(raw: Buffer): Promise<MailContent> {
  try {
    return fromParsed(await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true }));
  } catch (error) {
    console.error("A mail message could not be parsed; it is stored as received, without a summary.", error);
    return {
      summary: { from: null, to: [], cc: [], subject: "", snippet: "", attachments: [] },
      messageId: null,
      references: [],
      sentAt: null,
      hasAttachments: false,
      searchText: "",
    };
  }
}
