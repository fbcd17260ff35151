import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { clientInfo } from "../auth/client-info";
import { createContext } from "./context";
import { appRouter } from "./root";

export const TRPC_ENDPOINT = "/api/trpc";
/** Sent by the console with the id of the organization the page shows (see Context). */
export const ORGANIZATION_ON_SCREEN_HEADER = "x-awan-organization";

/** Serves tRPC over fetch Request/Response for the console's route handler. */
export function handleTrpcRequest(request: Request, sessionId: string | null | undefined): Promise<Response> {
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
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}
