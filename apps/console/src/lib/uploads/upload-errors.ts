import { DetailedError } from "tus-js-client";

export type UploadFailure = { kind: "name-taken" | "quota" | "refused" | "connection"; message: string };

/**
 * What went wrong, in the server's words where it gave some (its refusals
 * are plain text: "…quota…", "Something named “x” is already…").
 */
export function describeUploadError(error: Error): UploadFailure {
  const response = error instanceof DetailedError ? error.originalResponse : null;
  if (!response) return { kind: "connection", message: "The connection to the server was lost. Resume to try again." };
  const status = response.getStatus();
  const text = response.getBody()?.trim() || null;
  // A 409 to the creating POST is a name clash; later 409s are offset mismatches that tus retries.
  if (status === 409 && isCreation(error)) return { kind: "name-taken", message: text ?? "Something of that name is already in this folder." };
  if (status === 413) return { kind: "quota", message: text ?? "There is not enough room left in your quota." };
  if (status === 401) return { kind: "refused", message: "Your session has ended. Sign in again, then resume." };
  if (status >= 400 && status < 500) return { kind: "refused", message: text ?? `The server refused the upload (${status}).` };
  return { kind: "connection", message: text ?? `The server could not take the upload (${status}). Resume to try again.` };
}

function isCreation(error: Error): boolean {
  return error instanceof DetailedError && error.originalRequest?.getMethod() === "POST";
}

/**
 * Retry what can get better by itself: lost connections, server errors, and
 * a PATCH whose offset was stale (409/423). Refusals (quota, bad name, a name
 * clash at creation) would only be refused again.
 */
export function shouldRetryUpload(error: DetailedError): boolean {
  const status = error.originalResponse?.getStatus() ?? 0;
  if (status === 0 || status >= 500) return true;
  return (status === 409 || status === 423) && !isCreation(error);
}
