import { z } from "zod";
import { DomainError } from "../../errors";
import { getStorageEngine } from "../../storage";
import { BATCH_MAX_BYTES } from "../batch-limits";
import { checkBatch, placeBatch } from "../small-files";
import { conflictPolicy } from "../uploads";
import type { TransferScope } from "./transfer-scope";

/** Sent with every batch: a header a page of another site cannot add without a CORS preflight, which it does not get. */
export const BATCH_HEADER = "x-awan-batch";

const Manifest = z.array(z.object({ name: z.string().max(1024), folderId: z.uuid().nullable(), contentType: z.string().max(255).nullable() })).min(1);
// The multipart framing around the files, on top of their bytes.
const FRAMING_ALLOWANCE = 1024 * 1024;

/**
 * POST batch?onConflict=…: many small files in one multipart request (a
 * `manifest` JSON field, then one `file` part per entry, in order), stored
 * together in packed chunks and filed in one transaction. This is how the
 * console uploads folders full of small files quickly; larger files go
 * through tus. All of the batch lands or none of it.
 */
export async function serveBatchUpload(request: Request, scope: TransferScope): Promise<Response> {
  if (request.headers.get(BATCH_HEADER) !== "1") throw new DomainError("FORBIDDEN", `A batch upload must send ${BATCH_HEADER}: 1.`);
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!(declared <= BATCH_MAX_BYTES + FRAMING_ALLOWANCE)) throw new DomainError("INVALID_INPUT", "A batch must declare its length and stay within the batch limit.");
  const onConflict = conflictPolicy(new URL(request.url).searchParams.get("onConflict"));
  const form = await request.formData().catch((cause: unknown) => {
    throw new DomainError("INVALID_INPUT", "The batch is not a readable multipart form.", { cause });
  });
  const manifest = Manifest.safeParse(parseJson(String(form.get("manifest") ?? "null")));
  const files = form.getAll("file").filter((part): part is File => typeof part !== "string");
  if (!manifest.success || manifest.data.length !== files.length) throw new DomainError("INVALID_INPUT", "The batch's manifest does not match its files.");
  const entries = manifest.data.map((entry, i) => ({ ...entry, size: files[i]!.size }));

  const checked = await scope.run((files) => checkBatch(files, entries, onConflict));
  const contents = await Promise.all(files.map(async (file) => Buffer.from(await file.arrayBuffer())));
  const engine = getStorageEngine();
  const blobs = await engine.writeSmall(scope.organizationId, contents);
  const placed = await scope
    .run((files) => placeBatch(files, checked.map((entry, i) => ({ ...entry, blobId: blobs[i]!.blobId })), onConflict))
    .catch(async (error: unknown) => {
      for (const blob of blobs) await engine.delete(scope.organizationId, blob.blobId).catch(() => {});
      throw error;
    });
  return Response.json({ files: placed }, { status: 201 });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("INVALID_INPUT", "The batch's manifest is not JSON.");
  }
}
