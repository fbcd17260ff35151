import { DomainError } from "../../errors";
import { HTTP_STATUS_FOR } from "../../trpc/errors";

/**
 * A refusal as plain text: browsers show it, tus-js-client passes it on, and
 * the console displays it as it is. Anything but a DomainError is logged and
 * answered without details.
 */
export function errorResponse(error: unknown, headers: HeadersInit = {}): Response {
  if (error instanceof DomainError) {
    return new Response(error.message, { status: HTTP_STATUS_FOR[error.code], headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
  }
  // A client that went away (closed tab, lost network) is not the server's failure; the response goes nowhere.
  if (!isClientGone(error)) console.error("File transfer failed:", error);
  return new Response("Something went wrong on the server. Try again.", { status: 500, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}

function isClientGone(error: unknown): boolean {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : null;
  return code === "ECONNRESET" || code === "ABORT_ERR" || code === "ERR_STREAM_PREMATURE_CLOSE";
}
