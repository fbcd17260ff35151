import { withTenantScope } from "@awan/db";
import { resolveViewer } from "../auth/sessions";
import { getDatabase } from "../db";
import { DomainError } from "../errors";
import { checkName } from "../files/names";
import { errorResponse } from "../files/transfer/http-responses";
import { UUID_PATTERN } from "../files/transfer/url-ids";
import { isFromAnotherSite } from "../same-site";
import { getStorageEngine } from "../storage";
import type { Actor } from "../tenancy/memberships";
import { MAX_DRAFT_ATTACHMENT_BYTES, recordDraftAttachment } from "./draft-attachments";
import { bodyOfDeclaredLength } from "../declared-length-body";

export const MAIL_DRAFT_TRANSFER_PATH = "/api/mail-drafts";
const ROUTE = new RegExp(`^${MAIL_DRAFT_TRANSFER_PATH}/(${UUID_PATTERN})/(${UUID_PATTERN})/attachments$`);

/**
 * Files attached to a draft from the computer:
 *   POST /api/mail-drafts/<organization id>/<draft id>/attachments?name=…
 * with the file as the body; answers the attachment. The draft must be the
 * person's (in a mailbox they read).
 */
export async function handleMailDraftTransfer(request: Request, sessionId: string | null | undefined): Promise<Response> {
  const match = ROUTE.exec(new URL(request.url).pathname);
  if (!match) return new Response("Not found.", { status: 404 });
  const [, organizationId, draftId] = match;
  if (request.method !== "POST") return new Response("This method is not allowed here.", { status: 405 });
  if (isFromAnotherSite(request)) return new Response("Cross-site requests are refused.", { status: 403 });
  try {
    const db = getDatabase();
    const viewer = sessionId ? await resolveViewer(db, sessionId) : null;
    if (!viewer) throw new DomainError("UNAUTHORIZED", "Your session has ended. Sign in again.");
    const membership = viewer.organizations.find((o) => o.id === organizationId);
    if (!membership) throw new DomainError("NOT_FOUND", "This draft does not exist or you cannot open it.");
    const actor: Actor = { organizationId: organizationId!, userId: viewer.user.id, role: membership.role };
    const name = checkName(new URL(request.url).searchParams.get("name") ?? "");
    const declared = Number(request.headers.get("content-length") ?? Number.NaN);
    if (!Number.isSafeInteger(declared)) throw new DomainError("INVALID_INPUT", "Send the file's length (Content-Length).");
    if (declared > MAX_DRAFT_ATTACHMENT_BYTES) {
      throw new DomainError("INVALID_INPUT", `“${name}” is larger than ${MAX_DRAFT_ATTACHMENT_BYTES / 1024 / 1024} MB. Upload it to Files and attach it from there.`);
    }
    if (!request.body) throw new DomainError("INVALID_INPUT", "The file is empty.");
    const engine = getStorageEngine();
    const written = await engine.write(actor.organizationId, bodyOfDeclaredLength(request.body, declared));
    const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase() || "application/octet-stream";
    try {
      const attachment = await withTenantScope(db, { organizationId: actor.organizationId, userId: actor.userId }, (tx) =>
        recordDraftAttachment({ tx, actor }, draftId!, { name, mediaType: mediaType.slice(0, 255), size: written.size, blobId: written.blobId }),
      );
      return Response.json(attachment, { status: 201 });
    } catch (error) {
      await engine.delete(actor.organizationId, written.blobId).catch(() => {});
      throw error;
    }
  } catch (error) {
    return errorResponse(error);
  }
}

