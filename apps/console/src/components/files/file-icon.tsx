"use client";

import { useState } from "react";
import { hasThumbnail, opensAs, previewKind, type FileItem } from "./file-kinds";
import { useFileUrls } from "./file-urls";

const PATHS = {
  folder: "M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z",
  image: "M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15 9.5a1 1 0 1 0 0-.01",
  video: "M4 6h11v12H4zM15 10l5-3v10l-5-3",
  audio: "M9 18V6l10-2v12M9 18a3 3 0 1 1-3-3 3 3 0 0 1 3 3zM19 16a3 3 0 1 1-3-3 3 3 0 0 1 3 3z",
  text: "M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6",
  file: "M7 3h7l5 5v13H7zM14 3v5h5",
} as const;

type IconName = keyof typeof PATHS;

function iconFor(item: Pick<FileItem, "kind" | "name" | "contentType">): IconName {
  if (item.kind === "FOLDER") return "folder";
  const kind = previewKind(item);
  if (kind === "image" || kind === "video" || kind === "audio") return kind;
  if (kind === "text" || kind === "markdown" || kind === "pdf") return "text";
  return "file";
}

export function FileIcon({ item, className = "size-5" }: { item: Pick<FileItem, "kind" | "name" | "contentType"> & { target?: FileItem["target"] }; className?: string }) {
  const shortcut = item.kind === "SHORTCUT";
  const name = iconFor(shortcut && item.target ? { ...item, kind: item.target.kind } : item);
  if (shortcut) {
    // The shared item's icon with an arrow in its corner, as desktops mark shortcuts.
    return (
      <span className={`relative inline-flex shrink-0 ${className}`} role="img" aria-label="Shortcut" title="Shortcut to an item shared with you">
        <FileIcon item={{ ...item, kind: name === "folder" ? "FOLDER" : "FILE" }} className="size-full" />
        <svg aria-hidden viewBox="0 0 12 12" className="absolute -bottom-0.5 -left-0.5 size-1/2 rounded-sm bg-white text-zinc-700 dark:bg-zinc-900 dark:text-zinc-200">
          <path d="M4 8l4-4M5 4h3v3" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </span>
    );
  }
  return (
    <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.6} className={`${className} shrink-0 ${name === "folder" ? "text-brand-600 dark:text-brand-400" : "text-zinc-500 dark:text-zinc-400"}`}>
      <path strokeLinecap="round" strokeLinejoin="round" d={PATHS[name]} />
    </svg>
  );
}

/** An image's thumbnail, or its icon when there is none (yet) or it fails to load. */
export function Thumbnail({ item }: { item: FileItem }) {
  const urls = useFileUrls();
  const [failed, setFailed] = useState(false);
  const opened = opensAs(item);
  if (!hasThumbnail(opened) || failed) return <FileIcon item={item} className="size-12" />;
  return (
    <img src={urls.thumbnail(opened.id)} alt="" loading="lazy" decoding="async" onError={() => setFailed(true)} className="size-full object-cover" />
  );
}
