import type { IncomingMessage, ServerResponse } from "node:http";
import { withAfterCommit } from "../after-commit";
import { getDatabase } from "../db";
import { DomainError } from "../errors";
import { myDriveId, type FileScope } from "../files/file-scope";
import type { BlobLayout } from "../storage";
import type { Actor } from "../tenancy/memberships";
import { refuseRevoked, verifySignIn, type DavSignIn } from "./dav-auth";
import { resolvePath, type Resolved } from "./dav-items";
import { lookUpSignIn, type DavUsage } from "./dav-lookup";
import type { DavPath } from "./dav-paths";
import { parseXml, type XmlElement } from "./dav-xml";

/** One authenticated WebDAV request: who asks, for which path, and a way to run files services for them. */
export type DavContext = {
  req: IncomingMessage;
  res: ServerResponse;
  actor: Actor;
  /** The user segment of the URL as the person sent it (their email). */
  user: string;
  path: DavPath;
  /** Runs `work` in one transaction of the actor's organization, with their drive's id, once the sign-in is still good. */
  run<T>(work: (files: FileScope, driveId: string) => Promise<T>): Promise<T>;
  /** run, with the request's path resolved (and the drive's use) by the same statement that checks the sign-in. */
  runAtPath<T>(work: (files: FileScope, here: DavHere) => Promise<T>, opts?: { layout?: boolean }): Promise<T>;
};

/** The request's place in the person's drive (and, when asked for, the layout of the file's content there, or null). */
export type DavHere = { driveId: string; resolved: Resolved; usage: DavUsage | null; layout: BlobLayout | null };

export function davContext(req: IncomingMessage, res: ServerResponse, signedIn: DavSignIn, user: string, path: DavPath): DavContext {
  const db = getDatabase();
  const { organizationId, userId } = signedIn.actor;
  return {
    req,
    res,
    actor: signedIn.actor,
    user,
    path,
    run: (work) =>
      withAfterCommit(db, { organizationId, userId }, async (tx, afterCommit) => {
        const { actor, driveId } = await verifySignIn(tx, signedIn);
        const files = { tx, actor, afterCommit };
        // Guests have no drive (myDriveId says so); others get theirs made on first use.
        return work(files, driveId !== null && actor.role !== "GUEST" ? driveId : await myDriveId(files));
      }),
    runAtPath: (work, opts) =>
      withAfterCommit(db, { organizationId, userId }, async (tx, afterCommit) => {
        const found = (await lookUpSignIn(tx, signedIn, path.names, opts)) ?? refuseRevoked(signedIn);
        const files = { tx, actor: found.actor, afterCommit };
        if (found.driveId !== null && found.resolved && found.actor.role !== "GUEST") {
          return work(files, { driveId: found.driveId, resolved: found.resolved, usage: found.usage, layout: found.layout });
        }
        // No drive yet (or a guest, whom myDriveId refuses): the slower way, once.
        const driveId = await myDriveId(files);
        return work(files, { driveId, resolved: await resolvePath(tx, driveId, path.names), usage: null, layout: null });
      }),
  };
}

/** Ends the response with a status, headers and an optional body. */
export function send(res: ServerResponse, status: number, body: string | null = null, headers: Record<string, string> = {}): void {
  const bytes = body === null ? null : Buffer.from(body, "utf8");
  res.writeHead(status, { ...headers, "Content-Length": String(bytes?.length ?? 0) });
  res.end(bytes ?? undefined);
}

export const XML_TYPE = "application/xml; charset=utf-8";

export function sendXml(res: ServerResponse, status: number, xml: string, headers: Record<string, string> = {}): void {
  send(res, status, xml, { "Content-Type": XML_TYPE, ...headers });
}

/** Whether the request carries a body (a declared length above zero, or a chunked one). */
export function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
}

const MAX_XML_BYTES = 1024 * 1024;

/** The request's XML body, or null when there is none; too large or not XML is INVALID_INPUT. */
export async function readXmlBody(req: IncomingMessage): Promise<XmlElement | null> {
  if (!hasBody(req)) return null;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_XML_BYTES) throw new DomainError("INVALID_INPUT", "The request body is too large for a property request.");
    parts.push(part as Buffer);
  }
  const text = Buffer.concat(parts).toString("utf8");
  return text.trim() === "" ? null : parseXml(text);
}

/** Reads and drops a body this method does not use, so the connection can serve the next request. */
export async function discardBody(req: IncomingMessage): Promise<void> {
  if (!req.complete) for await (const _ of req);
}

/** A header's value; a repeated header counts as absent, since its meaning would be unclear. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** The Depth header as WebDAV defines it; `fallback` when absent. */
export function depthOf(req: IncomingMessage, fallback: "0" | "1" | "infinity"): "0" | "1" | "infinity" {
  const value = headerOf(req, "depth")?.trim().toLowerCase();
  if (value === undefined) return fallback;
  if (value === "0" || value === "1" || value === "infinity") return value;
  throw new DomainError("INVALID_INPUT", "Depth must be 0, 1 or infinity.");
}
