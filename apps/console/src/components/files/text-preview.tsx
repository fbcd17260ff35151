"use client";

import { Alert } from "@awan/ui/alert";
import { useQuery } from "@tanstack/react-query";
import Markdown from "react-markdown";

// Enough to read any note or source file; a bigger file says it was cut.
const PREVIEW_BYTES = 1024 * 1024;

/** A text file's first megabyte: as code, or as Markdown rendered without any of its raw HTML. */
export function TextPreview({ url, markdown }: { url: string; markdown: boolean }) {
  const text = useQuery({
    queryKey: ["file-preview", url],
    queryFn: async () => {
      const response = await fetch(url, { headers: { Range: `bytes=0-${PREVIEW_BYTES - 1}` } });
      if (!response.ok) throw new Error((await response.text()) || `The file could not be read (${response.status}).`);
      const total = Number(response.headers.get("content-range")?.split("/")[1] ?? NaN);
      return { body: await response.text(), cut: response.status === 206 && total > PREVIEW_BYTES };
    },
    staleTime: 0,
  });
  if (text.isPending) return <p className="text-zinc-500">Loading…</p>;
  if (text.error) return <Alert>{text.error.message}</Alert>;
  return (
    <div className="space-y-2">
      {text.data.cut ? <Alert tone="info">Only the first megabyte is shown. Download the file to see all of it.</Alert> : null}
      {markdown ? (
        <article className="markdown-preview max-w-none space-y-3 leading-relaxed [&_a]:text-brand-600 [&_a]:underline [&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-zinc-100 [&_pre]:p-3 [&_ul]:list-disc [&_ul]:pl-6 dark:[&_code]:bg-zinc-800 dark:[&_pre]:bg-zinc-800">
          {/* react-markdown renders no raw HTML unless a plugin asks for it; none does here. */}
          <Markdown skipHtml>{text.data.body}</Markdown>
        </article>
      ) : (
        <pre className="max-h-[60dvh] overflow-auto rounded-md bg-zinc-100 p-3 font-mono text-xs whitespace-pre-wrap dark:bg-zinc-950">{text.data.body}</pre>
      )}
    </div>
  );
}
