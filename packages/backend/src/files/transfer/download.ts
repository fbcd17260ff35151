import { Readable } from "node:stream";
import { DomainError } from "../../errors";
import { getStorageEngine, type BlobLayout } from "../../storage";
import { findItem } from "../file-scope";
import { parseRange } from "./byte-range";
import { contentDisposition } from "./content-disposition";
import { idFrom } from "./url-ids";
import type { TransferScope } from "./transfer-scope";

// Types a browser may show in the console's origin: none of them runs
// script there, and the CSP sandbox below covers what might (SVG opened on
// its own). Everything else is only ever downloaded.
const INLINE_TYPES = /^(image\/(png|jpeg|gif|webp|avif|bmp|svg\+xml)|audio\/[\w.+-]+|video\/[\w.+-]+|application\/pdf|text\/plain)$/;
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-sh|x-yaml|toml))/;

/** A stored version of a file, as a download serves it (with its blob's layout when the caller has read it already). */
export type StoredFile = { name: string; contentType: string | null; blobId: string; digest: string; size: number; layout?: BlobLayout };

/** A file's current (or `?version=`) content, for whoever may view it. */
export async function serveFileContent(request: Request, scope: TransferScope, itemId: string): Promise<Response> {
  const wanted = idFrom(new URL(request.url).searchParams.get("version"));
  const file = await scope.run(async (files) => {
    const item = await findItem(files, itemId, "live", "FILE", "view");
    const versionId = wanted ?? item.currentVersionId;
    const version = versionId ? await files.tx.fileVersion.findFirst({ where: { id: versionId, fileId: item.id }, select: { blobId: true, blob: { select: { digest: true, size: true } } } }) : null;
    if (!version) throw new DomainError("NOT_FOUND", "This version does not exist any more.");
    return { name: item.name, contentType: item.contentType, blobId: version.blobId, digest: version.blob.digest, size: Number(version.blob.size) };
  });
  return serveStoredFile(request, scope.organizationId, file);
}

/**
 * Streams stored content with HTTP ranges, conditional requests by ETag, and
 * a Content-Disposition that is `attachment` unless an inline view
 * (`?disposition=inline`) of a harmless type was asked for. Whoever calls it
 * has checked that the asker may read the file.
 */
export async function serveStoredFile(request: Request, organizationId: string, file: StoredFile): Promise<Response> {
  const url = new URL(request.url);
  const etag = `"${file.digest}"`;
  const inline = url.searchParams.get("disposition") === "inline" && INLINE_TYPES.test(inlineType(file.contentType));
  const headers: Record<string, string> = {
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Cache-Control": "private, no-cache",
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", file.name),
    "Content-Type": inline ? withCharset(inlineType(file.contentType)) : (file.contentType ?? "application/octet-stream"),
    // Opened on its own, a stored file is a sandboxed document: no script, no forms, no same-origin access.
    "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'",
  };
  if (request.headers.get("if-none-match")?.split(",").some((tag) => tag.trim() === etag)) {
    return new Response(null, { status: 304, headers });
  }
  const ifRange = request.headers.get("if-range");
  const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.get("range"), file.size);
  if (range === "unsatisfiable") {
    return new Response(`The requested range is outside the file (${file.size} bytes).`, { status: 416, headers: { ...headers, "Content-Range": `bytes */${file.size}` } });
  }
  const length = range ? range.end - range.start + 1 : file.size;
  headers["Content-Length"] = String(length);
  if (range) headers["Content-Range"] = `bytes ${range.start}-${range.end}/${file.size}`;
  const status = range ? 206 : 200;
  if (request.method === "HEAD" || length === 0) return new Response(null, { status, headers });
  const opened = await getStorageEngine().open(organizationId, file.blobId, range ?? undefined, file.layout);
  return new Response(Readable.toWeb(opened.stream) as ReadableStream<Uint8Array>, { status, headers });
}

/** The type an inline view is served as: text of any kind as plain text, so markup never renders. */
function inlineType(contentType: string | null): string {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return TEXT_TYPES.test(type) ? "text/plain" : type;
}

const withCharset = (type: string) => (type === "text/plain" ? "text/plain; charset=utf-8" : type);
