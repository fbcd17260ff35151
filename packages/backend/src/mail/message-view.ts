import { DomainError } from "../errors";
import { sanitizeMailHtml, type SanitizedMailHtml } from "./html-sanitizer";
import { signInlinePart } from "./inline-part-links";
import { findReadableMessage, type MailScope, type ReadableMessage } from "./mail-scope";
import type { MailAddressee } from "./mail-summary";
import { readMessageBody, type MessageAttachment, type MessageBody } from "./message-body";
import { isTrustedSender } from "./trusted-senders";

// What the reading pane shows of one message, and the documents it loads:
// the sanitized HTML (body route) and the parts (attachment route).

export const MAIL_TRANSFER_PATH = "/api/mail";

/** SPF, DKIM and DMARC as the message view shows them; null where no verdict was recorded. */
export type AuthVerdicts = { spf: string | null; dkim: string | null; dmarc: string | null };

export type MessageView = {
  id: string;
  from: MailAddressee | null;
  to: MailAddressee[];
  cc: MailAddressee[];
  subject: string;
  date: Date | null;
  text: string;
  hasHtml: boolean;
  /** Remote images held back in the HTML as shown by default. */
  blockedImages: number;
  /** Whether the viewer trusts the sender, so remote images show without asking. */
  senderTrusted: boolean;
  attachments: { index: number; name: string; mediaType: string; size: number; isInline: boolean }[];
  auth: AuthVerdicts;
};

// Images a browser may show from the console's origin without running anything.
const RASTER_IMAGE = /^image\/(png|jpeg|gif|webp|avif|bmp)$/;
export const isRasterImage = (mediaType: string) => RASTER_IMAGE.test(mediaType);

/** A verdict from a stored authentication result, whichever way it was written (a word, or { result }). */
function verdictOf(value: unknown): string | null {
  if (typeof value === "string") return value.toLowerCase().slice(0, 20);
  if (Array.isArray(value)) return verdictOf(value.find((v) => verdictOf(v) === "pass") ?? value[0]);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return verdictOf(record.result ?? (record.status as Record<string, unknown> | undefined)?.result ?? null);
  }
  return null;
}

export function readAuthVerdicts(authResults: unknown): AuthVerdicts {
  const record = authResults && typeof authResults === "object" ? (authResults as Record<string, unknown>) : {};
  return { spf: verdictOf(record.spf), dkim: verdictOf(record.dkim), dmarc: verdictOf(record.dmarc) };
}

type OpenedMessage = { message: ReadableMessage; body: MessageBody; auth: AuthVerdicts; senderTrusted: boolean };

async function openMessage(scope: MailScope, messageId: string): Promise<OpenedMessage> {
  const message = await findReadableMessage(scope, messageId);
  const [body, row] = await Promise.all([
    readMessageBody(scope, message),
    scope.tx.mailMessage.findFirst({ where: { id: message.id, organizationId: scope.actor.organizationId }, select: { authResults: true } }),
  ]);
  const auth = readAuthVerdicts(row?.authResults);
  // A sender's trust follows their address; mail that fails DMARC may not be theirs.
  const senderTrusted = body.from !== null && auth.dmarc !== "fail" && (await isTrustedSender(scope, body.from.address));
  return { message, body, auth, senderTrusted };
}

function sanitizedHtml(scope: MailScope, opened: OpenedMessage, allowRemoteImages: boolean, consoleOrigin: string): SanitizedMailHtml {
  const { organizationId, userId } = scope.actor;
  const messageId = opened.message.id;
  const byContentId = new Map(opened.body.attachments.filter((a) => a.contentId && isRasterImage(a.mediaType)).map((a) => [a.contentId!, a]));
  return sanitizeMailHtml(opened.body.html ?? "", {
    allowRemoteImages,
    inlineImageUrl: (contentId) => {
      const part = byContentId.get(contentId);
      if (!part) return null;
      const query = signInlinePart({ organizationId, messageId, index: part.index, userId });
      return `${consoleOrigin}${MAIL_TRANSFER_PATH}/${organizationId}/messages/${messageId}/attachments/${part.index}?${query}`;
    },
  });
}

/** The message as the reading pane shows it (headers, text, attachments, verdicts), for whoever may read it. */
export async function viewMessage(scope: MailScope, messageId: string, consoleOrigin: string): Promise<MessageView> {
  const opened = await openMessage(scope, messageId);
  const { body } = opened;
  const html = body.html === null ? null : sanitizedHtml(scope, opened, false, consoleOrigin);
  const inline = new Set(html?.usedContentIds ?? []);
  return {
    id: opened.message.id,
    from: body.from,
    to: body.to,
    cc: body.cc,
    subject: body.subject,
    date: body.date,
    text: body.text,
    hasHtml: html !== null,
    blockedImages: html?.blockedImages ?? 0,
    senderTrusted: opened.senderTrusted,
    attachments: body.attachments.map((a) => ({ index: a.index, name: a.name, mediaType: a.mediaType, size: a.size, isInline: a.contentId !== null && inline.has(a.contentId) })),
    auth: opened.auth,
  };
}

/** The sender of a message the actor reads, for trusting or no longer trusting them. */
export async function messageSender(scope: MailScope, messageId: string): Promise<string> {
  const opened = await openMessage(scope, messageId);
  if (!opened.body.from?.address) throw new DomainError("INVALID_INPUT", "This message names no sender.");
  return opened.body.from.address;
}

/**
 * The message's HTML as a document for the sandboxed frame: sanitized, links
 * opening in a new tab, remote images shown when asked for (`showImages`) or
 * the sender is trusted. `imagesShown` tells the route which CSP to send.
 */
export async function renderMessageDocument(scope: MailScope, messageId: string, showImages: boolean, consoleOrigin: string): Promise<{ html: string; imagesShown: boolean }> {
  const opened = await openMessage(scope, messageId);
  if (opened.body.html === null) throw new DomainError("NOT_FOUND", "This message has no HTML part.");
  const imagesShown = showImages || opened.senderTrusted;
  const { html } = sanitizedHtml(scope, opened, imagesShown, consoleOrigin);
  const document = [
    "<!doctype html>",
    '<html><head><meta charset="utf-8"><base target="_blank">',
    // Mail is written for a white page; the frame keeps it readable whatever the console's theme.
    "<style>html{background:#fff;color:#111;}body{margin:0;padding:12px;font:14px/1.5 system-ui,sans-serif;overflow-wrap:anywhere;}img{max-width:100%;height:auto;}</style>",
    `</head><body>${html}</body></html>`,
  ].join("");
  return { html: document, imagesShown };
}

/** One part of a message the actor reads. */
export async function findMessageAttachment(scope: MailScope, messageId: string, index: number): Promise<MessageAttachment> {
  const message = await findReadableMessage(scope, messageId);
  const body = await readMessageBody(scope, message);
  const part = body.attachments[index];
  if (!part) throw new DomainError("NOT_FOUND", "This message has no such attachment.");
  return part;
}
