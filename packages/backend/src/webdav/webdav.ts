import type { IncomingMessage, ServerResponse } from "node:http";
import { DomainError } from "../errors";
import { HTTP_STATUS_FOR } from "../trpc/errors";
import { signIn } from "./dav-auth";
import { getFile } from "./dav-get";
import { DAV_PATH, parseDavPath } from "./dav-paths";
import { putFile } from "./dav-put";
import { davContext, discardBody, send, type DavContext } from "./dav-request";
import { copyOrMove, deleteItem, makeCollection } from "./dav-tree";
import { propfind } from "./propfind";
import { proppatch } from "./proppatch";

export { DAV_PATH };

const METHODS: Record<string, (ctx: DavContext) => Promise<void>> = {
  PROPFIND: propfind,
  PROPPATCH: proppatch,
  GET: getFile,
  HEAD: getFile,
  PUT: putFile,
  DELETE: deleteItem,
  MKCOL: makeCollection,
  COPY: copyOrMove,
  MOVE: copyOrMove,
};
const ALLOW = ["OPTIONS", ...Object.keys(METHODS)].join(", ");
const TEXT = { "Content-Type": "text/plain; charset=utf-8" };
const CHALLENGE = { "WWW-Authenticate": 'Basic realm="Awan", charset="UTF-8"', ...TEXT };

/**
 * WebDAV (RFC 4918, class 1) at /dav/files/<email>/: each person's own
 * files, for desktop and command-line clients, signed in with an app
 * password. Every operation goes through the files services in the
 * organization's tenant scope, so quotas, versions, the trash and the
 * activity log work as in the console.
 *
 * It takes Node's request and response rather than a fetch Request: the
 * console's Node server hands /dav/ to it directly (Next's route handlers
 * never see PROPFIND, MKCOL and the rest), PUT bodies stream into the
 * storage engine without web-stream adapters, and a 10,000-entry listing
 * is written as one buffer.
 */
export async function handleWebDav(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const method = req.method ?? "GET";
    res.setHeader("DAV", "1");
    if (method === "OPTIONS") {
      await discardBody(req);
      return send(res, 200, null, { Allow: ALLOW, "MS-Author-Via": "DAV" });
    }
    const handler = METHODS[method];
    if (!handler) {
      await discardBody(req);
      return send(res, 405, "WebDAV here is class 1: this method is not supported.", { Allow: ALLOW, ...TEXT });
    }
    const signedIn = await signIn(req);
    if (!signedIn) {
      await discardBody(req);
      return send(res, 401, "Sign in with your email and an app password (Settings → App passwords).", CHALLENGE);
    }
    // A fragment never reaches a server from a well-behaved client; acting on the path without it could delete the wrong thing.
    if (req.url?.includes("#")) {
      await discardBody(req);
      return send(res, 400, "A request path cannot contain “#”; escape it as %23 in names.", TEXT);
    }
    const path = parseDavPath(new URL(req.url ?? "/", "http://dav.invalid").pathname);
    if (!path) {
      await discardBody(req);
      return send(res, 404, "Your files are at /dav/files/<your email>/.", TEXT);
    }
    // The same answer for anyone else's address, existing or not: it tells nothing about them.
    if (path.user.trim().toLowerCase() !== signedIn.login.trim().toLowerCase()) {
      await discardBody(req);
      return send(res, 403, "These are not your files. Yours are at /dav/files/<your email>/.", TEXT);
    }
    await handler(davContext(req, res, signedIn, path.user, path));
  } catch (error) {
    answerError(req, res, error);
  }
}

function answerError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    if (!isClientGone(error)) console.error("WebDAV response failed midway:", error);
    res.destroy();
    return;
  }
  let status = 500;
  let message = "Something went wrong on the server. Try again.";
  if (error instanceof DomainError) {
    // RFC 4918 §11.5: a full quota is 507 Insufficient Storage for WebDAV clients.
    status = error.code === "QUOTA_EXCEEDED" ? 507 : HTTP_STATUS_FOR[error.code];
    message = error.message;
  } else if (!isClientGone(error)) {
    console.error("WebDAV request failed:", error);
  }
  // An unread body would be taken for the next request on this connection: close it instead.
  if (!req.complete) res.setHeader("Connection", "close");
  send(res, status, req.method === "HEAD" ? null : `${message}\n`, status === 401 ? CHALLENGE : TEXT);
}

function isClientGone(error: unknown): boolean {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : null;
  return code === "ECONNRESET" || code === "ABORT_ERR" || code === "ERR_STREAM_PREMATURE_CLOSE";
}
