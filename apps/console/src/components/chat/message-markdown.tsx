import Markdown from "react-markdown";

/**
 * A message's Markdown. Raw HTML is never rendered (react-markdown leaves it
 * as text) and unsafe link targets are dropped; links open in a new tab
 * without handing it this page.
 */
export function MessageMarkdown({ text }: { text: string }) {
  return (
    <div className="prose-chat break-words text-sm [&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-zinc-100 [&_pre]:p-2 dark:[&_code]:bg-zinc-800 dark:[&_pre]:bg-zinc-800 [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5">
      <Markdown
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer" className="text-brand-600 underline">
              {children}
            </a>
          ),
        }}
      >
        {text}
      </Markdown>
    </div>
  );
}
