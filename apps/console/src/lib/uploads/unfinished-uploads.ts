import { defaultOptions, Upload } from "tus-js-client";

/** An upload tus remembers from an earlier visit (its address sits in localStorage under the file's fingerprint). */
export type UnfinishedUpload = { key: string; name: string; size: number; folderId: string | null; startedAt: string; uploadUrl: string };

/** The unfinished uploads of this organization's endpoint, oldest first. */
export async function listUnfinishedUploads(endpoint: string): Promise<UnfinishedUpload[]> {
  const stored = await defaultOptions.urlStorage.findAllUploads();
  return stored
    .filter((u) => u.urlStorageKey.startsWith(`tus::awan|${endpoint}|`) && u.uploadUrl)
    .map((u) => ({
      key: u.urlStorageKey,
      name: u.metadata.name ?? "",
      size: u.size ?? 0,
      folderId: u.metadata.folderId || null,
      startedAt: u.creationTime,
      uploadUrl: u.uploadUrl!,
    }))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** The unfinished upload a picked file continues: same name and size (the fingerprint checks the rest). */
export function matchUnfinished(file: File, unfinished: UnfinishedUpload[]): UnfinishedUpload | undefined {
  return unfinished.find((u) => u.name === file.name && u.size === file.size);
}

/** Gives up an unfinished upload: the server drops its bytes, and the browser its address. */
export async function forgetUnfinishedUpload(upload: UnfinishedUpload): Promise<void> {
  // The server may have dropped it already (expired): forgetting it here is what matters.
  await Upload.terminate(upload.uploadUrl).catch(() => undefined);
  await defaultOptions.urlStorage.removeUpload(upload.key);
}
