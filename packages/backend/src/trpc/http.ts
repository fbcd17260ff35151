import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { clientInfo } from "../auth/client-info";
import { isFromAnotherSite } from "../same-site";
import { createContext } from "./context";
import { isStreamDomainError } from "./init";
import { appRouter } from "./root";

export const TRPC_ENDPOINT = "/api/trpc";
/** Sent by the console with the id of the organization the page shows (see Context). */
export const ORGANIZATION_ON_SCREEN_HEADER = "x-awan-organization";

/**
 * A write another site could have made the browser send: a POST from a
 * foreign page, or in a form encoding (tRPC also accepts multipart forms,
 * which need no CORS preflight).
 */
function isCrossSiteWrite(request: Request): boolean {
  if (request.method !== "POST") return false;
  return isFromAnotherSite(request) || !request.headers.get("content-type")?.startsWith("application/json");
}

/** Serves tRPC over fetch Request/Response for the console's route handler. */
export async function handleTrpcRequest(request: Request, sessionId: string | null | undefined): Promise<Response> {
  if (isCrossSiteWrite(request)) {
    return Response.json({ error: "Cross-site requests are refused." }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    createContext: () =>
      createContext({
        sessionId,
        client: clientInfo(request.headers),
        organizationOnScreen: request.headers.get(ORGANIZATION_ON_SCREEN_HEADER),
      }),
    onError({ error, path }) {
      // Expected refusals are the user's business; anything else is ours to log.
      if (error.code === "INTERNAL_SERVER_ERROR" && !isStreamDomainError(error)) console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}
