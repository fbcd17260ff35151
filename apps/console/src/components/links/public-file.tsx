"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { previewKind } from "@/components/files/file-kinds";
import { FilePreview } from "@/components/files/file-preview";
import { linkUrls, type LinkInfo } from "./public-api";

const BUTTON = "inline-flex items-center justify-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700";

/** A linked file: its preview (when the link has no download limit, since a preview fetches it too) and its download. */
export function PublicFile({ token, link }: { token: string; link: LinkInfo }) {
  const urls = linkUrls(token);
  const { item } = link;
  const kind = link.downloadsLeft === null ? previewKind(item) : null;
  return (
    <section className="space-y-4" aria-label="Shared file">
      <div>
        <h1 className="text-xl font-semibold break-words">{item.name}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {formatBytes(item.size ?? 0)}
          {link.downloadsLeft !== null ? ` · ${link.downloadsLeft} ${link.downloadsLeft === 1 ? "download" : "downloads"} left` : ""}
        </p>
      </div>
      <FilePreview kind={kind} url={urls.content(item.id, true)} name={item.name} />
      <a href={urls.content(item.id)} download className={BUTTON}>Download</a>
    </section>
  );
}
