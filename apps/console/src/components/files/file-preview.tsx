import type { ReactNode } from "react";
import type { PreviewKind } from "./file-kinds";
import { TextPreview } from "./text-preview";

type FilePreviewProps = {
  kind: PreviewKind | null;
  /** The file's content, served inline. */
  url: string;
  name: string;
  /** What to show for a file that has no preview. */
  none?: ReactNode;
};

/** A file shown in place, by kind: the Files preview and a public link's file page show it alike. */
export function FilePreview({ kind, url, name, none = null }: FilePreviewProps) {
  switch (kind) {
    case "image":
      return <img src={url} alt={name} className="mx-auto max-h-[60dvh] max-w-full rounded-md object-contain" />;
    case "video":
      return <video src={url} controls className="mx-auto max-h-[60dvh] w-full rounded-md" />;
    case "audio":
      return <audio src={url} controls className="w-full" />;
    case "text":
    case "markdown":
      // Keyed by file, so stepping to another file starts a fresh fetch.
      return <TextPreview key={url} url={url} markdown={kind === "markdown"} />;
    case "pdf":
      return (
        <p className="text-sm">
          PDFs open in their own tab.{" "}
          <a href={url} target="_blank" rel="noopener" className="text-brand-600 underline dark:text-brand-400">Open “{name}”</a>
        </p>
      );
    default:
      return none;
  }
}
