// Small files go many to a request through the server's batch route: one
// round trip for up to a hundred files instead of one each through tus.
// The server files all of a batch or none of it.

import { BATCH_MAX_BYTES, BATCH_MAX_FILES } from "@awan/backend/batch-limits";

// Smaller batches than the server allows: progress moves more often, and a refused batch costs less.
export const BATCH_FILES = Math.min(100, BATCH_MAX_FILES);
export const BATCH_BYTES = Math.min(8 * 1024 * 1024, BATCH_MAX_BYTES);

export type BatchFile = { file: File; folderId: string | null };
export type BatchOutcome = { ok: true } | { ok: false; status: number; message: string };

/** Sends one batch; `onProgress` gets the bytes sent so far. Resolves with the outcome, never rejects. */
export function sendBatch(url: string, files: BatchFile[], onProgress: (sent: number) => void): { done: Promise<BatchOutcome>; abort(): void } {
  const form = new FormData();
  form.set("manifest", JSON.stringify(files.map(({ file, folderId }) => ({ name: file.name, folderId, contentType: file.type || null }))));
  for (const { file } of files) form.append("file", file, "file");
  const request = new XMLHttpRequest();
  const done = new Promise<BatchOutcome>((resolve) => {
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () =>
      resolve(request.status === 201 ? { ok: true } : { ok: false, status: request.status, message: request.responseText.trim() || `The server refused the upload (${request.status}).` });
    request.onerror = () => resolve({ ok: false, status: 0, message: "The connection to the server was lost." });
    request.onabort = () => resolve({ ok: false, status: 0, message: "Stopped." });
  });
  request.open("POST", `${url}?onConflict=FAIL`);
  // The server's guard against other sites' pages: they cannot add this header without a preflight.
  request.setRequestHeader("x-awan-batch", "1");
  request.send(form);
  return { done, abort: () => request.abort() };
}
