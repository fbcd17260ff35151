import sharp from "sharp";
import { DomainError } from "../../errors";
import { getStorageEngine } from "../../storage";
import { findItem } from "../file-scope";
import type { TransferScope } from "./transfer-scope";

const EDGE = 256;
// Larger originals are not worth decoding for a 256-pixel picture on request.
const MAX_SOURCE_BYTES = 50 * 1024 * 1024;
const THUMBNAIL_TYPES = /^image\/(png|jpeg|gif|webp|avif|tiff|svg\+xml)$/;
const CACHE_BYTES = 64 * 1024 * 1024;

// Recently made thumbnails, by organization and content: a grid of photos
// scrolled back and forth decodes each original once. Held in memory only,
// since everything written to disk is stored encrypted through the engine.
const cache = new Map<string, Buffer>();
let cachedBytes = 0;

function remember(key: string, thumbnail: Buffer): void {
  cache.set(key, thumbnail);
  cachedBytes += thumbnail.length;
  for (const [oldest, value] of cache) {
    if (cachedBytes <= CACHE_BYTES) break;
    cache.delete(oldest);
    cachedBytes -= value.length;
  }
}

/** A WebP within 256×256 of an image file's current version; 404 for anything that is not an image. */
export async function serveThumbnail(request: Request, scope: TransferScope, itemId: string): Promise<Response> {
  const file = await scope.run(async (files) => {
    const item = await findItem(files, itemId, "live", "FILE", "view");
    if (!THUMBNAIL_TYPES.test(item.contentType ?? "") || !item.currentVersionId || Number(item.size) > MAX_SOURCE_BYTES) {
      throw new DomainError("NOT_FOUND", "This file has no thumbnail.");
    }
    const version = await files.tx.fileVersion.findUniqueOrThrow({ where: { id: item.currentVersionId }, select: { blobId: true, blob: { select: { digest: true } } } });
    return { blobId: version.blobId, digest: version.blob.digest };
  });
  const etag = `"thumb-${file.digest}"`;
  const headers = { "Content-Type": "image/webp", ETag: etag, "Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const key = `${scope.organizationId}/${file.digest}`;
  let thumbnail = cache.get(key);
  if (!thumbnail) {
    const original = await getStorageEngine().readAll(scope.organizationId, file.blobId);
    thumbnail = await sharp(original, { animated: false, limitInputPixels: 100_000_000 })
      .rotate() // upright, as the camera's orientation tag says
      .resize(EDGE, EDGE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer()
      .catch((cause: unknown) => {
        throw new DomainError("NOT_FOUND", "This image could not be read to make a thumbnail.", { cause });
      });
    remember(key, thumbnail);
  }
  return new Response(new Uint8Array(thumbnail), { headers: { ...headers, "Content-Length": String(thumbnail.length) } });
}
