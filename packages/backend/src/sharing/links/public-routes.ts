import { z } from "zod";
import { getDatabase } from "../../db";
import { DomainError } from "../../errors";
import { errorResponse } from "../../files/transfer/http-responses";
import { idFrom, UUID_PATTERN } from "../../files/transfer/url-ids";
import { isFromAnotherSite } from "../../same-site";
import { HTTP_STATUS_FOR } from "../../trpc/errors";
import { receiveDrop } from "./drop-upload";
import { UNLOCK_COOKIE, UNLOCK_TTL_MS, unlockLink } from "./link-password";
import { linkInfo, listLinkFolder, serveLinkFile, serveLinkZip } from "./public-browse";

export const PUBLIC_LINK_PATH = "/api/public";

const ROUTE = new RegExp(`^${PUBLIC_LINK_PATH}/([A-Za-z0-9_-]{1,64})/(info|unlock|folder|zip|drop|items/(${UUID_PATTERN})/content)$`);
const UnlockBody = z.object({ password: z.string().max(256) });

/**
 * What anyone holding a public link can do, under /api/public/<token>/
 * (no account; the token is the key, the password cookie the second one):
 *   info                  GET: the link and its item, for the page (JSON)
 *   unlock                POST {password}: sets the cookie that passes the password
 *   folder?id=            GET: a folder inside the link (JSON)
 *   items/<id>/content    GET/HEAD: a file's bytes, with ranges (download.ts's rules)
 *   zip?ids=a,b           GET: items of the link, or the whole folder, as one zip
 *   drop                  POST: one file into a file drop (body: its bytes)
 * Every refusal says why in plain words; a JSON route answers { message }.
 */
export async function handlePublicLink(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const match = ROUTE.exec(url.pathname);
  if (!match) return new Response("Not found.", { status: 404 });
  const [, token, route, fileId] = match as unknown as [string, string, string, string | undefined];
  const method = request.method;
  const json = route === "info" || route === "unlock" || route === "folder";
  try {
    if (method !== "GET" && method !== "HEAD" && isFromAnotherSite(request)) throw new DomainError("FORBIDDEN", "Cross-site requests are refused.");
    const db = getDatabase();
    const cookie = cookieValue(request, UNLOCK_COOKIE);
    if (route === "info" && method === "GET") return noStore(Response.json(await linkInfo(db, token, cookie)));
    if (route === "unlock" && method === "POST") return await unlock(request, token);
    if (route === "folder" && method === "GET") return noStore(Response.json(await listLinkFolder(db, token, cookie, idFrom(url.searchParams.get("id")))));
    if (fileId && (method === "GET" || method === "HEAD")) return await serveLinkFile(request, db, token, cookie, fileId);
    if (route === "zip" && method === "GET") return await serveLinkZip(request, db, token, cookie);
    if (route === "drop" && method === "POST") return noStore(Response.json(await receiveDrop(request, db, token, cookie), { status: 201 }));
    return new Response("This method is not allowed here.", { status: 405 });
  } catch (error) {
    if (json && error instanceof DomainError) return jsonError(error);
    return errorResponse(error);
  }
}

async function unlock(request: Request, token: string): Promise<Response> {
  const body = UnlockBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw new DomainError("INVALID_INPUT", "Send the password as JSON: { \"password\": \"...\" }.");
  const result = await unlockLink(getDatabase(), token, body.data.password);
  if (!result.ok) {
    const response = jsonError(result.error, result.retryAt);
    if (result.retryAt) response.headers.set("Retry-After", String(Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000))));
    return response;
  }
  const response = noStore(new Response(null, { status: 204 }));
  if (result.cookie) {
    const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
    // Scoped to this link's routes: the cookie goes nowhere else, not even to another link.
    response.headers.append(
      "Set-Cookie",
      `${UNLOCK_COOKIE}=${result.cookie}; Path=${PUBLIC_LINK_PATH}/${token}; Max-Age=${UNLOCK_TTL_MS / 1000}; HttpOnly; SameSite=Lax${secure}`,
    );
  }
  return response;
}

function jsonError(error: DomainError, retryAt: Date | null = null): Response {
  return noStore(Response.json({ code: error.code, message: error.message, retryAt }, { status: HTTP_STATUS_FOR[error.code] }));
}

function noStore(response: Response): Response {
  response.headers.set("Cache-Control", "no-store");
  return response;
}

function cookieValue(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
