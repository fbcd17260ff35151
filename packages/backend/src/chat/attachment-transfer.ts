import { withTenantScope } from "@awan/db";
import { resolveViewer } from "../auth/sessions";
import { getDatabase } from "../db";
import { DomainError } from "../errors";
import { checkName } from "../files/names";
import { serveStoredFile } from "../files/transfer/download";
import { errorResponse } from "../files/transfer/http-responses";
import { UUID_PATTERN } from "../files/transfer/url-ids";
import { isFromAnotherSite } from "../same-site";
import { getStorageEngine } from "../storage";
import type { Actor } from "../tenancy/memberships";
import { findReadableAttachment, MAX_ATTACHMENT_BYTES, recordUploadedAttachment } from "./attachments";
import { bodyOfDeclaredLength } from "../declared-length-body";

export const CHAT_TRANSFER_PATH = "/api/chat";
const ROUTE = new RegExp(`^${CHAT_TRANSFER_PATH}/(${UUID_PATTERN})/attachments(?:/(${UUID_PATTERN}))?$`);

/**
 * Files sent in chat, under /api/chat/<organization id>/:
 *   POST attachments?name=…    the request body is the file; answers its attachment id
 *   GET  attachments/<id>      its bytes (ranges; ?disposition=inline for previews)
 * Reading needs access to the message's channel, as reading the message does.
 */
export async function handleChatTransfer(request: Request, sessionId: string | null | undefined): Promise<Response> {
  const match = ROUTE.exec(new URL(request.url).pathname);
  if (!match) return new Response("Not found.", { status: 404 });
  const [, organizationId, attachmentId] = match;
  const method = request.method;
  if (method !== "GET" && method !== "HEAD" && isFromAnotherSite(request)) return new Response("Cross-site requests are refused.", { status: 403 });
  try {
    const db = getDatabase();
    const viewer = sessionId ? await resolveViewer(db, sessionId) : null;
    if (!viewer) throw new DomainError("UNAUTHORIZED", "Your session has ended. Sign in again.");
    const membership = viewer.organizations.find((o) => o.id === organizationId);
    if (!membership) throw new DomainError("NOT_FOUND", "This does not exist, or you cannot see it.");
    const actor: Actor = { organizationId: organizationId!, userId: viewer.user.id, role: membership.role };
    const inScope = <T>(work: Parameters<typeof withTenantScope<T>>[2]) => withTenantScope(db, { organizationId: actor.organizationId, userId: actor.userId }, work);

    if (attachmentId && (method === "GET" || method === "HEAD")) {
      const file = await inScope((tx) => findReadableAttachment({ tx, actor }, attachmentId));
      return await serveStoredFile(request, actor.organizationId, file);
    }
    if (!attachmentId && method === "POST") return await receiveAttachment(request, actor, inScope);
    return new Response("This method is not allowed here.", { status: 405 });
  } catch (error) {
    return errorResponse(error);
  }
}

async function receiveAttachment(request: Request, actor: Actor, inScope: <T>(work: Parameters<typeof withTenantScope<T>>[2]) => Promise<T>): Promise<Response> {
  const name = checkName(new URL(request.url).searchParams.get("name") ?? "");
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!Number.isSafeInteger(declared)) throw new DomainError("INVALID_INPUT", "Send the file's length (Content-Length).");
  if (declared > MAX_ATTACHMENT_BYTES) {
    throw new DomainError("INVALID_INPUT", `“${name}” is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB. Upload it to Files and share it instead.`);
  }
  if (!request.body) throw new DomainError("INVALID_INPUT", "The file is empty.");
  const engine = getStorageEngine();
  const written = await engine.write(actor.organizationId, bodyOfDeclaredLength(request.body, declared));
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase() || "application/octet-stream";
  try {
    const attachment = await inScope((tx) => recordUploadedAttachment({ tx, actor }, { name, mediaType: mediaType.slice(0, 255), size: written.size, blobId: written.blobId }));
    return Response.json(attachment, { status: 201 });
  } catch (error) {
    await engine.delete(actor.organizationId, written.blobId).catch(() => {});
    throw error;
  }
}

