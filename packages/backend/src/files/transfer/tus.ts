import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { getFilesConfig } from "../../config";
import { DomainError } from "../../errors";
import { getStorageEngine } from "../../storage";
import { cancelUpload, completeUpload, conflictPolicy, createUpload, findUpload, touchUpload } from "../uploads";
import type { TransferScope } from "./transfer-scope";
import { errorResponse } from "./http-responses";
import { idFrom } from "./url-ids";

// The tus 1.0 resumable upload protocol (https://tus.io/protocols/resumable-upload),
// with the creation, creation-with-upload and termination extensions.
// Each PATCH streams into the storage engine, which commits whole chunks as
// they become durable: the offset a client resumes from is always what is
// really stored, even after a crash of the server.

const TUS_VERSION = "1.0.0";
const OCTET_STREAM = "application/offset+octet-stream";

const tusHeaders = (extra: Record<string, string> = {}) => ({ "Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store", ...extra });

export function tusOptions(): Response {
  return new Response(null, {
    status: 204,
    headers: tusHeaders({
      "Tus-Version": TUS_VERSION,
      "Tus-Extension": "creation,creation-with-upload,termination",
      "Tus-Max-Size": String(getFilesConfig().maxUploadBytes),
    }),
  });
}

/**
 * A tus request for the uploads collection (POST) or one upload (HEAD,
 * PATCH, DELETE). tus requires Tus-Resumable on each of them; that header
 * also makes a cross-site request need a CORS preflight, which it does not get.
 */
export async function handleTus(request: Request, scope: TransferScope, uploadId: string | null): Promise<Response> {
  if (request.headers.get("tus-resumable") !== TUS_VERSION) {
    return new Response("This endpoint speaks tus 1.0.0 (send Tus-Resumable: 1.0.0).", { status: 412, headers: { "Tus-Version": TUS_VERSION } });
  }
  try {
    const method = request.method;
    if (!uploadId && method === "POST") return await create(request, scope);
    if (uploadId && method === "HEAD") return await status(scope, uploadId);
    if (uploadId && method === "PATCH") return await append(request, scope, uploadId);
    if (uploadId && method === "DELETE") return await terminate(scope, uploadId);
    return new Response("This method is not allowed here.", { status: 405, headers: tusHeaders() });
  } catch (error) {
    const refusal = errorResponse(error, tusHeaders());
    // HEAD answers carry no body: the status says it.
    return request.method === "HEAD" ? new Response(null, { status: refusal.status, headers: tusHeaders() }) : refusal;
  }
}

/** POST: creates an upload from Upload-Length and Upload-Metadata, with its first bytes if the body has them. */
async function create(request: Request, scope: TransferScope): Promise<Response> {
  const length = Number(request.headers.get("upload-length"));
  if (request.headers.get("upload-length") === null || !Number.isSafeInteger(length) || length < 0) {
    throw new DomainError("INVALID_INPUT", "Upload-Length must give the file's size in bytes (deferred lengths are not supported).");
  }
  const metadata = parseMetadata(request.headers.get("upload-metadata"));
  const { uploadId } = await scope.run((files) =>
    createUpload(files, {
      name: metadata.get("name") ?? metadata.get("filename") ?? "",
      folderId: idFrom(metadata.get("folderId")),
      contentType: metadata.get("contentType") || metadata.get("filetype") || null,
      onConflict: conflictPolicy(metadata.get("onConflict")),
      length,
    }),
  );
  const location = `${scope.basePath}/uploads/${uploadId}`;
  // An empty file is complete as soon as it exists; a body sent along is its first bytes.
  const offset = length === 0 || hasBody(request) ? await receive(request, scope, uploadId, 0) : 0;
  return new Response(null, { status: 201, headers: tusHeaders({ Location: location, "Upload-Offset": String(offset) }) });
}

/** HEAD: how much of the upload is stored, which is where the client resumes. */
async function status(scope: TransferScope, uploadId: string): Promise<Response> {
  const upload = await scope.run((files) => findUpload(files, uploadId));
  return new Response(null, { status: 200, headers: tusHeaders({ "Upload-Offset": String(upload.offset), "Upload-Length": String(upload.length) }) });
}

/** PATCH: appends the body at Upload-Offset. */
async function append(request: Request, scope: TransferScope, uploadId: string): Promise<Response> {
  if (request.headers.get("content-type") !== OCTET_STREAM) {
    return new Response(`A PATCH must send Content-Type: ${OCTET_STREAM}.`, { status: 415, headers: tusHeaders() });
  }
  const offset = Number(request.headers.get("upload-offset"));
  if (!Number.isSafeInteger(offset) || offset < 0) throw new DomainError("INVALID_INPUT", "Upload-Offset must be a number of bytes.");
  return new Response(null, { status: 204, headers: tusHeaders({ "Upload-Offset": String(await receive(request, scope, uploadId, offset)) }) });
}

/** DELETE: cancels the upload and frees what it stored. */
async function terminate(scope: TransferScope, uploadId: string): Promise<Response> {
  await scope.run((files) => cancelUpload(files, uploadId));
  return new Response(null, { status: 204, headers: tusHeaders() });
}

/** Streams the body into the upload's blob; completes the file when the last byte is in. */
async function receive(request: Request, scope: TransferScope, uploadId: string, offset: number): Promise<number> {
  const upload = await scope.run(async (files) => {
    const found = await findUpload(files, uploadId);
    await touchUpload(files, uploadId);
    return found;
  });
  if (offset !== upload.offset) {
    throw new DomainError("CONFLICT", `The upload is at byte ${upload.offset}, not ${offset}. Resume from there.`);
  }
  const body = request.body && hasBody(request) ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
  const reached = await getStorageEngine().append(scope.organizationId, upload.blobId, { offset, length: upload.length }, body);
  if (reached === upload.length) await scope.run((files) => completeUpload(files, uploadId));
  return reached;
}

function hasBody(request: Request): boolean {
  return request.headers.get("content-type") === OCTET_STREAM && request.body !== null;
}

/** Upload-Metadata: comma-separated "key base64value" pairs. */
export function parseMetadata(header: string | null): Map<string, string> {
  const entries = new Map<string, string>();
  for (const pair of (header ?? "").split(",")) {
    const [key, value = ""] = pair.trim().split(" ");
    if (key) entries.set(key, Buffer.from(value, "base64").toString("utf8"));
  }
  return entries;
}
