// A signed-in person talking to the transfer routes over real HTTP, as the
// browser does (tus-js-client for uploads, fetch for downloads).
import crypto from "node:crypto";
import { Upload } from "tus-js-client";
import { addMember, callerFor, newAccount } from "../../testing/fixtures";
import { TEST_SESSION_HEADER } from "./transfer-server";

export const sha256 = (data: Uint8Array) => crypto.createHash("sha256").update(data).digest("hex");

/** A person with a session, their organization, and their transfer URLs. */
export async function transferPerson(baseUrl: string, existing?: { organizationId: string; ownerId: string }) {
  const { organizationId, userId } = existing
    ? { organizationId: existing.organizationId, ...(await addMember(existing.organizationId, existing.ownerId, "MEMBER")) }
    : await newAccount("files");
  const { caller, sessionId } = await callerFor(userId);
  const base = `${baseUrl}/api/files/${organizationId}`;
  const headers = { [TEST_SESSION_HEADER]: sessionId };
  return { organizationId, userId, caller, sessionId, base, headers };
}
export type Person = Awaited<ReturnType<typeof transferPerson>>;

type UploadOptions = { folderId?: string | null; onConflict?: string; contentType?: string; chunkSize?: number; onProgress?: (sent: number, upload: Upload) => void; uploadUrl?: string };

/** Uploads with tus-js-client, the browser's client, over real HTTP. */
export function tusUpload(who: Person, name: string, data: Buffer, options: UploadOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload: Upload = new Upload(data, {
      endpoint: `${who.base}/uploads`,
      uploadUrl: options.uploadUrl ?? null,
      headers: who.headers,
      metadata: { name, folderId: options.folderId ?? "", contentType: options.contentType ?? "application/octet-stream", onConflict: options.onConflict ?? "FAIL" },
      chunkSize: options.chunkSize ?? Infinity,
      retryDelays: null,
      storeFingerprintForResuming: false,
      onProgress: (sent) => options.onProgress?.(sent, upload),
      onSuccess: () => resolve(upload.url!),
      onError: reject,
    });
    upload.start();
  });
}

export async function fileNamed(who: Person, name: string, folderId: string | null = null) {
  const { items } = await who.caller.files.list({ folderId });
  const item = items.find((i) => i.name === name);
  if (!item) throw new Error(`${name} is not in the folder`);
  return item;
}

export const get = (who: Person, path: string, headers: Record<string, string> = {}) => fetch(`${who.base}${path}`, { headers: { ...who.headers, ...headers } });

