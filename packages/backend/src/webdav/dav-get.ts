import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import { serveStoredFile } from "../files/transfer/download";
import { send, type DavContext } from "./dav-request";

// Conditional and range headers are all serveStoredFile reads of a request.
const FORWARDED = ["range", "if-range", "if-none-match"] as const;

/**
 * GET and HEAD of a file: its current version with ranges and ETags, through
 * the same serveStoredFile as the console's downloads. The request handed
 * to it has no query, so it is always served as an attachment.
 */
export async function getFile(ctx: DavContext): Promise<void> {
  const head = ctx.req.method === "HEAD";
  // One statement: the sign-in, the path and (for a file's content) where its bytes are.
  const found = await ctx.runAtPath(async (_, { resolved, layout }) => ({ ...resolved, layout }), { layout: !head });
  if (!found.exists) return send(ctx.res, 404, head ? null : "Nothing is at this path.", { "Content-Type": "text/plain; charset=utf-8" });
  const item = found.item;
  if (!item || item.kind === "FOLDER" || !item.blobId || !item.digest) {
    // A folder has no content; WebDAV clients list it with PROPFIND.
    return send(ctx.res, 200, head ? null : "This is a folder: list it with a WebDAV client, or open it in the console.\n", { "Content-Type": "text/plain; charset=utf-8" });
  }
  const headers = new Headers();
  for (const name of FORWARDED) {
    const value = ctx.req.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  const request = new Request(`http://dav.invalid${ctx.req.url?.split("?")[0] ?? "/"}`, { method: head ? "HEAD" : "GET", headers });
  const response = await serveStoredFile(request, ctx.actor.organizationId, {
    name: item.name,
    contentType: item.contentType,
    blobId: item.blobId,
    digest: item.digest,
    size: Number(item.size),
    ...(found.layout && { layout: found.layout }),
  });
  ctx.res.writeHead(response.status, { ...Object.fromEntries(response.headers), "Last-Modified": item.modifiedAt.toUTCString() });
  if (!response.body) return void ctx.res.end();
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), ctx.res);
}
