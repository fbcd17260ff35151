"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Button } from "@awan/ui/button";
import { FolderPickerDialog } from "@/components/files/folder-picker-dialog";
import { useTypingSignal } from "@/lib/live/presence-hooks";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { AttachmentDrafts } from "./attachment-drafts";
import { useAttachmentDrafts } from "./use-attachment-drafts";
import type { ChatMessage } from "./channel-messages";
import { mentionQueryAt, toMentionTokens, type Person } from "./mention-text";

const CHANNEL_OPTION: Person = { id: "channel", name: "channel" };

/**
 * The message field: Enter sends, Shift+Enter starts a new line. Typing @
 * offers the conversation's people (arrows choose, Enter or Tab inserts,
 * Escape closes); a reply box (`parentId`) posts into that thread. Files
 * come from the computer (Attach, or dropped on the box) or from Files.
 */
export function MessageBox({
  channelId,
  placeholder,
  people = [],
  canMentionChannel = false,
  parentId,
  label = "Message",
  onPosted,
}: {
  channelId: string;
  placeholder: string;
  people?: readonly Person[];
  canMentionChannel?: boolean;
  parentId?: string;
  label?: string;
  onPosted: (m: ChatMessage) => void;
}) {
  const trpc = useTRPC();
  const listId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState("");
  const [typing, setTyping] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [pickingFromFiles, setPickingFromFiles] = useState(false);
  const files = useRef<HTMLInputElement>(null);
  const drafts = useAttachmentDrafts();
  const signalTyping = useTypingSignal(channelId);
  const post = useMutation(
    trpc.chat.post.mutationOptions({
      onSuccess: (message) => {
        setText("");
        drafts.clear();
        onPosted(message);
      },
    }),
  );
  const send = () => {
    if ((!text.trim() && drafts.drafts.length === 0) || !drafts.ready || post.isPending) return;
    post.mutate({ channelId, body: toMentionTokens(text, people), parentId: parentId ?? null, attachmentIds: drafts.attachmentIds });
  };

  const needle = typing?.query.toLowerCase() ?? "";
  const options = typing
    ? [...people, ...(canMentionChannel ? [CHANNEL_OPTION] : [])].filter((p) => p.name.toLowerCase().split(/\s+/).some((w, i, words) => words.slice(i).join(" ").startsWith(needle))).slice(0, 8)
    : [];
  const open = options.length > 0;
  const choose = (person: Person) => {
    if (!typing) return;
    const caret = typing.start + 1 + typing.query.length;
    const next = `${text.slice(0, typing.start)}@${person.name} ${text.slice(caret)}`;
    const at = typing.start + person.name.length + 2;
    setText(next);
    setTyping(null);
    requestAnimationFrame(() => field.current?.setSelectionRange(at, at));
  };
  const follow = (value: string, caret: number) => {
    setTyping(mentionQueryAt(value, caret));
    setActive(0);
  };

  return (
    <form
      className="relative border-t border-zinc-200 p-2 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => e.dataTransfer.types.includes("Files") && e.preventDefault()}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        drafts.addFiles(e.dataTransfer.files);
      }}
    >
      <label htmlFor={`${parentId ? "reply" : "message"}-${channelId}`} className="sr-only">
        {label}
      </label>
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="People to mention"
          className="absolute bottom-full left-2 z-10 mb-1 w-64 overflow-hidden rounded border border-zinc-200 bg-white text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {options.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault(); // keep the caret in the field
                choose(p);
              }}
              className={`cursor-pointer px-2 py-1 ${i === active ? "bg-brand-600 text-white" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
            >
              @{p.name}
              {p === CHANNEL_OPTION ? <span className="ml-1 text-xs opacity-75">notify everyone here</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <textarea
        ref={field}
        id={`${parentId ? "reply" : "message"}-${channelId}`}
        rows={2}
        value={text}
        placeholder={placeholder}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          signalTyping();
          follow(e.target.value, e.target.selectionStart);
        }}
        onSelect={(e) => follow(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => setTyping(null)}
        onKeyDown={(e) => {
          if (open) {
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              setActive((i) => (i + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
              return;
            }
            if (e.key === "Enter" || e.key === "Tab") {
              e.preventDefault();
              choose(options[Math.min(active, options.length - 1)]!);
              return;
            }
            if (e.key === "Escape") {
              e.preventDefault();
              setTyping(null);
              return;
            }
          }
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
        className="w-full resize-y rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <AttachmentDrafts drafts={drafts.drafts} onRemove={drafts.remove} />
      <div className="flex gap-2 pt-1">
        <input
          ref={files}
          type="file"
          multiple
          hidden
          aria-label={`Attach files to ${parentId ? "the reply" : "the message"}`}
          onChange={(e) => {
            if (e.target.files) drafts.addFiles(e.target.files);
            e.target.value = "";
          }}
        />
        <Button variant="ghost" onClick={() => files.current?.click()}>
          <span aria-hidden>📎</span> Attach
        </Button>
        <Button variant="ghost" onClick={() => setPickingFromFiles(true)}>From Files</Button>
        {!drafts.ready ? <span className="self-center text-xs text-zinc-500">Sending waits for the uploads to finish.</span> : null}
      </div>
      {post.error ? <p role="alert" className="text-sm text-red-600">{errorMessage(post.error)}</p> : null}
      {pickingFromFiles ? (
        <FolderPickerDialog
          title="Attach from Files"
          confirmLabel="Attach"
          startIn={null}
          onPick={async () => undefined}
          onPickFile={(file) => drafts.addFromFiles(file)}
          onClose={() => setPickingFromFiles(false)}
        />
      ) : null}
    </form>
  );
}
