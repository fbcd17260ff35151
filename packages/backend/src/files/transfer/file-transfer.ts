import { resolveViewer } from "../../auth/sessions";
import { getDatabase } from "../../db";
import { isFromAnotherSite } from "../../same-site";
import { serveBatchUpload } from "./batch-upload";
import { serveFileContent } from "./download";
import { errorResponse } from "./http-responses";
import { serveThumbnail } from "./thumbnail";
import { transferScope } from "./transfer-scope";
import { handleTus, tusOptions } from "./tus";
import { UUID_PATTERN } from "./url-ids";
import { serveZip } from "./zip-download";

export const FILE_TRANSFER_PATH = "/api/files";

const ROUTE = new RegExp(`^${FILE_TRANSFER_PATH}/(${UUID_PATTERN})/(?:(uploads)(?:/(${UUID_PATTERN}))?|items/(${UUID_PATTERN})/(content|thumbnail)|(zip)|(batch))$`);

/**
 * The console's file transfer routes, under /api/files/<organization id>/:
 *   uploads, uploads/<id>      tus 1.0 resumable uploads (tus.ts)
 *   batch                      many small files in one request (batch-upload.ts)
 *   items/<id>/content         a file's bytes, with ranges (download.ts)
 *   items/<id>/thumbnail       a small WebP of an image (thumbnail.ts)
 *   zip?ids=a,b                several items as one zip (zip-download.ts)
 * Bytes never pass through tRPC; permissions are the same files services'.
 */
export async function handleFileTransfer(request: Request, sessionId: string | null | undefined): Promise<Response> {
  const match = ROUTE.exec(new URL(request.url).pathname);
  if (!match) return new Response("Not found.", { status: 404 });
  const [, organizationId, uploads, uploadId, itemId, itemPart, zip, batch] = match;
  const method = request.method;
  if (uploads && method === "OPTIONS") return tusOptions();
  if (method !== "GET" && method !== "HEAD" && isFromAnotherSite(request)) return new Response("Cross-site requests are refused.", { status: 403 });
  try {
    const db = getDatabase();
    const viewer = sessionId ? await resolveViewer(db, sessionId) : null;
    const scope = transferScope(db, viewer, organizationId!, `${FILE_TRANSFER_PATH}/${organizationId}`);
    if (uploads) return await handleTus(request, scope, uploadId ?? null);
    if (itemId && itemPart === "content" && (method === "GET" || method === "HEAD")) return await serveFileContent(request, scope, itemId);
    if (itemId && itemPart === "thumbnail" && method === "GET") return await serveThumbnail(request, scope, itemId);
    if (zip && method === "GET") return await serveZip(request, scope);
    if (batch && method === "POST") return await serveBatchUpload(request, scope);
    return new Response("This method is not allowed here.", { status: 405 });
  } catch (error) {
    return errorResponse(error);
  }
}
