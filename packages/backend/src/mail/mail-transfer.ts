import { withTenantScope } from "@awan/db";
import { resolveViewer } from "../auth/sessions";
import { getConfig } from "../config";
import { getDatabase } from "../db";
import { DomainError } from "../errors";
import { contentDisposition } from "../files/transfer/content-disposition";
import { errorResponse } from "../files/transfer/http-responses";
import { UUID_PATTERN } from "../files/transfer/url-ids";
import type { Actor } from "../tenancy/memberships";
import { verifyInlinePart } from "./inline-part-links";
import type { MailScope } from "./mail-scope";
import { findMessageAttachment, isRasterImage, MAIL_TRANSFER_PATH, renderMessageDocument } from "./message-view";

export { MAIL_TRANSFER_PATH };

const ROUTE = new RegExp(`^${MAIL_TRANSFER_PATH}/(${UUID_PATTERN})/messages/(${UUID_PATTERN})/(body|attachments/(\\d{1,4}))$`);

// Types an attachment keeps when downloaded: none renders as a page of the
// console's origin. Everything else (HTML, SVG, XML, scripts) is octet-stream.
const HARMLESS_TYPES =
  /^(image\/(png|jpeg|gif|webp|avif|bmp)|audio\/(mpeg|ogg|wav|webm|mp4|aac|flac)|video\/(mp4|webm|ogg|quicktime)|application\/(pdf|zip|gzip|msword|vnd\.ms-excel|vnd\.ms-powerpoint|vnd\.openxmlformats-officedocument\.[a-z.]+|vnd\.oasis\.opendocument\.[a-z.]+)|text\/(plain|csv|calendar))$/;

/** The CSP of a message's HTML: a sandbox (no script, no same-origin; links may open a new tab), images only from the message itself unless allowed. */
export function messageDocumentPolicy(consoleOrigin: string, imagesShown: boolean): string {
  return [
    "sandbox allow-popups allow-popups-to-escape-sandbox",
    "default-src 'none'",
    `img-src data: ${consoleOrigin}${imagesShown ? " https: http:" : ""}`,
    "style-src 'unsafe-inline'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join("; ");
}

/**
 * A message's documents, under /api/mail/<organization id>/messages/<message id>/:
 *   GET body[?images=1]          the sanitized HTML, for the reading pane's sandboxed frame
 *   GET attachments/<index>      a part, as a download (`?inline=1`: a raster image shown in place)
 * Either needs a session that may read the message; an inline image may
 * instead carry the signed link its message's HTML was given.
 */
export async function handleMailTransfer(request: Request, sessionId: string | null | undefined): Promise<Response> {
  const url = new URL(request.url);
  const match = ROUTE.exec(url.pathname);
  if (!match) return new Response("Not found.", { status: 404 });
  if (request.method !== "GET" && request.method !== "HEAD") return new Response("This method is not allowed here.", { status: 405, headers: { allow: "GET, HEAD" } });
  const [, organizationId, messageId, what, indexText] = match as unknown as [string, string, string, string, string | undefined];
  try {
    const index = indexText === undefined ? null : Number(indexText);
    const actor = await resolveActor(organizationId, sessionId, index === null ? null : { messageId, index, query: url.searchParams });
    const inScope = <T>(work: (scope: MailScope) => Promise<T>) => withTenantScope(getDatabase(), { organizationId, userId: actor.userId }, (tx) => work({ tx, actor }));
    const origin = getConfig().publicUrl.origin;

    if (what === "body") {
      const document = await inScope((scope) => renderMessageDocument(scope, messageId, url.searchParams.get("images") === "1", origin));
      const headers = {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": messageDocumentPolicy(origin, document.imagesShown),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        // Remote images, when shown, learn nothing of which message asked for them. (The console's
        // next.config sends same-origin for every path instead; from the sandbox's opaque origin
        // every request is cross-origin, so that sends no referrer either: e2e/mail-xss.spec.ts checks.)
        "Referrer-Policy": "no-referrer",
      };
      return new Response(request.method === "HEAD" ? null : document.html, { status: 200, headers });
    }

    const part = await inScope((scope) => findMessageAttachment(scope, messageId, index!));
    const inline = url.searchParams.get("inline") === "1" && isRasterImage(part.mediaType);
    const headers = {
      "Content-Type": inline || HARMLESS_TYPES.test(part.mediaType) ? part.mediaType : "application/octet-stream",
      "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", part.name),
      "Content-Length": String(part.content.length),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "sandbox; default-src 'none'",
    };
    return new Response(request.method === "HEAD" ? null : new Uint8Array(part.content), { status: 200, headers });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Who asks: the session's person if a member of the organization, else (inline images only) the one a valid signed link names. */
async function resolveActor(organizationId: string, sessionId: string | null | undefined, part: { messageId: string; index: number; query: URLSearchParams } | null): Promise<Actor> {
  const db = getDatabase();
  const viewer = sessionId ? await resolveViewer(db, sessionId) : null;
  if (viewer) {
    const membership = viewer.organizations.find((o) => o.id === organizationId);
    if (!membership) throw new DomainError("NOT_FOUND", "This message does not exist or you cannot open it.");
    return { organizationId, userId: viewer.user.id, role: membership.role };
  }
  const linkedUser = part && part.query.get("inline") === "1" ? verifyInlinePart({ organizationId, messageId: part.messageId, index: part.index }, part.query) : null;
  if (!linkedUser) throw new DomainError("UNAUTHORIZED", "Your session has ended. Sign in again.");
  const membership = await withTenantScope(db, { organizationId, userId: linkedUser }, (tx) =>
    tx.membership.findFirst({ where: { organizationId, userId: linkedUser }, select: { role: true } }),
  );
  if (!membership) throw new DomainError("NOT_FOUND", "This message does not exist or you cannot open it.");
  return { organizationId, userId: linkedUser, role: membership.role };
}
