import { simpleParser, type AddressObject, type Attachment } from "mailparser";
import { DomainError } from "../errors";
import { getStorageEngine } from "../storage";
import type { MailAddressee } from "./mail-summary";
import type { MailScope, ReadableMessage } from "./mail-scope";
import { MAIL_SETTINGS_LIMITS } from "./mail-settings";

// A stored message read for showing: its headers, text, HTML and parts. The
// raw bytes were at most MailSettings.maxMessageBytes (25 MB by default) when
// they arrived, so a message is parsed in memory, once per request. A message
// stored before an administrator lowered the limit still opens; only what no
// setting allows (above its highest value) is refused unread.

export type MessageAttachment = {
  /** Position among the message's parts: how the attachment route names it. */
  index: number;
  name: string;
  mediaType: string;
  size: number;
  /** Content-ID without brackets, for `cid:` references in the HTML. */
  contentId: string | null;
  content: Buffer;
};

export type MessageBody = {
  from: MailAddressee | null;
  to: MailAddressee[];
  cc: MailAddressee[];
  subject: string;
  date: Date | null;
  text: string;
  /** The HTML part as sent (unsafe until sanitized), or null for plain text mail. */
  html: string | null;
  attachments: MessageAttachment[];
};

// Names made only of what a file system and a Content-Disposition accept.
const NAME_MAX = 200;

function addressees(value: AddressObject | AddressObject[] | undefined): MailAddressee[] {
  const groups = value ? (Array.isArray(value) ? value : [value]) : [];
  return groups.flatMap((g) => g.value.flatMap((a) => (a.group ? a.group : [a]))).map((a) => ({ name: a.name ?? "", address: (a.address ?? "").toLowerCase() }));
}

/** An attachment's name as the viewer sees it: control characters and path separators out, a name for nameless parts. */
export function attachmentName(part: Pick<Attachment, "filename" | "contentType">, index: number): string {
  const cleaned = (part.filename ?? "")
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[/\\]/g, "_")
    .trim()
    .slice(0, NAME_MAX);
  if (cleaned && cleaned !== "." && cleaned !== "..") return cleaned;
  const extension = part.contentType.split("/")[1]?.replace(/[^a-z0-9]/gi, "").slice(0, 8);
  return `attachment-${index + 1}${extension ? `.${extension}` : ""}`;
}

/** Parses raw RFC 5322 bytes into what the message view shows. */
export async function parseMessageBody(raw: Buffer): Promise<MessageBody> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  return {
    from: addressees(parsed.from)[0] ?? null,
    to: addressees(parsed.to),
    cc: addressees(parsed.cc),
    subject: (parsed.subject ?? "").trim(),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" && parsed.html.trim() ? parsed.html : null,
    attachments: parsed.attachments.map((part, index) => ({
      index,
      name: attachmentName(part, index),
      mediaType: part.contentType.toLowerCase(),
      size: part.size,
      contentId: part.cid ?? null,
      content: part.content,
    })),
  };
}

// Opening a message asks for it several times at once (the view, its HTML,
// each inline image and preview): recently parsed messages are kept for a
// minute, up to 64 MB of raw bytes, by their blob (stored bytes never change).
// Access is checked before each use; the cache only saves the parsing.
const RECENT_BYTES = 64 * 1024 * 1024;
const RECENT_MS = 60_000;
const recent = new Map<string, { body: Promise<MessageBody>; size: number; at: number }>();

function forgetOldest(now: number): void {
  let total = [...recent.values()].reduce((sum, entry) => sum + entry.size, 0);
  for (const [key, entry] of recent) {
    if (total <= RECENT_BYTES && now - entry.at < RECENT_MS) break;
    recent.delete(key);
    total -= entry.size;
  }
}

/** The stored message `message` (already checked readable), parsed. */
export async function readMessageBody(scope: MailScope, message: ReadableMessage): Promise<MessageBody> {
  const maxMessageBytes = MAIL_SETTINGS_LIMITS.maxMessageBytes.max;
  if (message.size > maxMessageBytes) {
    throw new DomainError("INVALID_INPUT", `This message is larger than the ${Math.round(maxMessageBytes / 1024 / 1024)} MB this organization allows, so it cannot be shown.`);
  }
  const key = `${scope.actor.organizationId}/${message.blobId}`;
  const now = Date.now();
  const cached = recent.get(key);
  if (cached && now - cached.at < RECENT_MS) return cached.body;
  const body = getStorageEngine()
    .readAll(scope.actor.organizationId, message.blobId)
    .then(parseMessageBody);
  recent.delete(key);
  recent.set(key, { body, size: message.size, at: now });
  body.catch(() => recent.delete(key));
  forgetOldest(now);
  return body;
}
