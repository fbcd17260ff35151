import Markdown from "react-markdown";
import { mentionMarkdown, type Person } from "./mention-text";

const MENTION = "#mention-";

/**
 * A message's Markdown. Raw HTML is never rendered (react-markdown leaves it
 * as text) and unsafe link targets are dropped; links open in a new tab
 * without handing it this page. Mentions show as highlighted @Name.
 */
export function MessageMarkdown({ text, mentions = [], viewerId }: { text: string; mentions?: readonly Person[]; viewerId?: string }) {
  return (
    <div className="prose-chat break-words text-sm [&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-zinc-100 [&_pre]:p-2 dark:[&_code]:bg-zinc-800 dark:[&_pre]:bg-zinc-800 [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5">
      <Markdown
        skipHtml
        components={{
          a: ({ href, children }) =>
            href?.startsWith(MENTION) ? (
              <span
                data-mention={href.slice(MENTION.length)}
                className={`rounded px-0.5 font-medium ${
                  href.slice(MENTION.length) === viewerId || href === `${MENTION}channel`
                    ? "bg-amber-200 text-amber-950 dark:bg-amber-700 dark:text-amber-50"
                    : "bg-brand-50 text-brand-700 dark:bg-brand-950 dark:text-brand-300"
                }`}
              >
                {children}
              </span>
            ) : (
              <a href={href} target="_blank" rel="noopener noreferrer" className="text-brand-600 underline">
                {children}
              </a>
            ),
        }}
      >
        {mentionMarkdown(text, mentions)}
      </Markdown>
    </div>
  );
}
