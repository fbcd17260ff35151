"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";

/** Where a file's bytes are: the console's transfer routes, under the organization on screen. */
export type FileUrls = {
  content(itemId: string, options?: { versionId?: string; inline?: boolean }): string;
  thumbnail(itemId: string): string;
  zip(itemIds: string[]): string;
};

export function fileUrlsFor(organizationId: string): FileUrls {
  const base = `/api/files/${organizationId}`;
  return {
    content(itemId, { versionId, inline } = {}) {
      const query = new URLSearchParams();
      if (versionId) query.set("version", versionId);
      if (inline) query.set("disposition", "inline");
      const search = query.toString();
      return `${base}/items/${itemId}/content${search ? `?${search}` : ""}`;
    },
    thumbnail: (itemId) => `${base}/items/${itemId}/thumbnail`,
    zip: (itemIds) => `${base}/zip?ids=${itemIds.join(",")}`,
  };
}

const FileUrlsContext = createContext<FileUrls | null>(null);

export function FileUrlsProvider({ organizationId, children }: { organizationId: string; children: ReactNode }) {
  const urls = useMemo(() => fileUrlsFor(organizationId), [organizationId]);
  return <FileUrlsContext value={urls}>{children}</FileUrlsContext>;
}

export function useFileUrls(): FileUrls {
  const urls = useContext(FileUrlsContext);
  if (!urls) throw new Error("useFileUrls needs a FileUrlsProvider above it.");
  return urls;
}

/** Starts a download without leaving the page (the response is an attachment). */
export function startDownload(url: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = "";
  document.body.append(link);
  link.click();
  link.remove();
}
