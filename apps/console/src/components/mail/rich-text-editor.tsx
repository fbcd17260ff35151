"use client";

import { useEffect, useRef } from "react";

type Command = { label: string; title: string; run: () => void };

/**
 * Rich text for mail: a contenteditable with bold, italic, link and lists.
 * What it holds is sent as HTML (the receiving side sanitizes it, as ours
 * does) next to its plain text.
 */
export function RichTextEditor({ initialHtml, onChange }: { initialHtml: string; onChange: (html: string, text: string) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.innerHTML = initialHtml;
    // Set once: later renders must not move the caret.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const changed = () => ref.current && onChange(ref.current.innerHTML, ref.current.innerText);
  const exec = (command: string, value?: string) => {
    ref.current?.focus();
    document.execCommand(command, false, value);
    changed();
  };
  const commands: Command[] = [
    { label: "B", title: "Bold (Ctrl+B)", run: () => exec("bold") },
    { label: "I", title: "Italic (Ctrl+I)", run: () => exec("italic") },
    {
      label: "Link",
      title: "Link",
      run: () => {
        const url = window.prompt("Link address (https://…)");
        if (url && /^(https?:|mailto:)/i.test(url.trim())) exec("createLink", url.trim());
      },
    },
    { label: "• List", title: "Bulleted list", run: () => exec("insertUnorderedList") },
    { label: "1. List", title: "Numbered list", run: () => exec("insertOrderedList") },
  ];
  return (
    <div className="rounded-md border border-zinc-300 dark:border-zinc-700">
      <div role="toolbar" aria-label="Formatting" className="flex gap-1 border-b border-zinc-200 p-1 dark:border-zinc-800">
        {commands.map((c) => (
          <button key={c.label} type="button" title={c.title} aria-label={c.title} onMouseDown={(e) => e.preventDefault()} onClick={c.run} className="rounded px-2 py-0.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
            {c.label}
          </button>
        ))}
      </div>
      <div
        ref={ref}
        role="textbox"
        aria-multiline="true"
        aria-label="Message"
        contentEditable
        suppressContentEditableWarning
        onInput={changed}
        className="prose prose-sm min-h-48 max-w-none p-3 text-sm outline-none dark:prose-invert [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6 [&_a]:text-brand-600 [&_a]:underline"
      />
    </div>
  );
}
