"use client";

import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { FolderPickerDialog } from "@/components/files/folder-picker-dialog";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { ComposeAttachments } from "./compose-attachments";
import { RecipientField } from "./recipient-field";
import { RichTextEditor } from "./rich-text-editor";
import { useDraftAttachments } from "./use-draft-attachments";

/** What a compose starts from: empty, a reply, a forward, or a saved draft. */
export type ComposeSeed = {
  fromMailboxId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  inReplyToId: string | null;
  forwardOfId: string | null;
  draftId: string | null;
  attachments: { id: string; name: string; size: number }[];
};

type Fields = Omit<ComposeSeed, "attachments" | "forwardOfId">;
const AUTOSAVE_MS = 1_500;
const TIME = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * Writing a message: To/Cc/Bcc with suggestions, subject, plain or rich
 * text, attachments from the computer or Files. What is written is saved as
 * a draft a moment after each change (each save replaces the last), so
 * closing the dialog or the tab keeps it; Discard deletes it.
 */
export function ComposeDialog({ seed, senders, onClose }: { seed: ComposeSeed; senders: { id: string; label: string }[]; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>(seed);
  const [showCc, setShowCc] = useState(seed.cc.length > 0 || seed.bcc.length > 0);
  const [rich, setRich] = useState(seed.html !== null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const draftId = useRef<string | null>(seed.draftId);
  const latest = useRef(fields);
  latest.current = fields;
  const dirty = useRef(false);
  const saving = useRef<Promise<string | null>>(Promise.resolve(seed.draftId));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const invalidateMail = () => queryClient.invalidateQueries({ queryKey: trpc.mail.pathKey() });

  const saveDraft = useMutation(trpc.mail.saveDraft.mutationOptions());
  const send = useMutation(trpc.mail.send.mutationOptions());
  const discard = useMutation(trpc.mail.discardDraft.mutationOptions());
  const [editorKey, setEditorKey] = useState(0);
  const attachments = useDraftAttachments(
    seed.attachments,
    () => saveNow(true),
    (name, url) => {
      const current = latest.current;
      change({
        text: `${current.text}${current.text && !current.text.endsWith("\n") ? "\n" : ""}${name}: ${url}\n`,
        html: current.html === null ? null : `${current.html}<p>${escapeToHtml(name)}: <a href="${encodeURI(url)}">${escapeToHtml(url)}</a></p>`,
      });
      // The editor takes its content when it mounts: a new one shows the link.
      setEditorKey((k) => k + 1);
    },
  );

  /** Saves what is written unless nothing changed; saves run one after another. */
  function saveNow(force = false): Promise<string | null> {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    saving.current = saving.current.then(async () => {
      if (!dirty.current && !(force && draftId.current === null)) return draftId.current;
      dirty.current = false;
      try {
        const saved = await saveDraft.mutateAsync({ ...latest.current, draftId: draftId.current });
        draftId.current = saved.id;
        setSavedAt(new Date());
        setSaveError(null);
        void invalidateMail();
      } catch (error) {
        dirty.current = true;
        setSaveError(errorMessage(error));
      }
      return draftId.current;
    });
    return saving.current;
  }

  const change = (next: Partial<Fields>) => {
    setFields((f) => ({ ...f, ...next }));
    dirty.current = true;
    if (timer.current) clearTimeout(timer.current);
    // Uploads re-point to each new draft; a save waits for them to finish.
    timer.current = setTimeout(() => void (attachments.isBusy() ? undefined : saveNow()), AUTOSAVE_MS);
  };
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  async function close() {
    await saveNow();
    onClose();
  }

  async function sendNow() {
    const id = await saveNow();
    try {
      await send.mutateAsync({ ...latest.current, draftId: id, forwardOfId: seed.forwardOfId });
      await invalidateMail();
      onClose();
    } catch {
      // shown below from send.error
    }
  }

  async function discardNow() {
    if (timer.current) clearTimeout(timer.current);
    dirty.current = false;
    const id = await saving.current;
    if (id) await discard.mutateAsync({ draftId: id }).catch(() => undefined);
    await invalidateMail();
    onClose();
  }

  const recipients = fields.to.length + fields.cc.length + fields.bcc.length;
  return (
    <Dialog title={seed.inReplyToId ? (seed.forwardOfId ? "Forward" : "Reply") : seed.forwardOfId ? "Forward" : "New message"} onClose={() => void close()} size="lg">
      <form
        aria-label="Compose"
        onSubmit={(e) => {
          e.preventDefault();
          void sendNow();
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void sendNow();
          }
        }}
        className="space-y-2"
      >
        {senders.length > 1 ? (
          <label className="flex items-center gap-2 text-sm">
            <span className="w-10 text-zinc-500">From</span>
            <select value={fields.fromMailboxId} onChange={(e) => change({ fromMailboxId: e.target.value })} className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900">
              {senders.map((s) => (
                <option key={s.id} value={s.id}>{s.label}</option>
              ))}
            </select>
          </label>
        ) : null}
        <RecipientField label="To" value={fields.to} onChange={(to) => change({ to })} autoFocus={fields.to.length === 0} />
        {showCc ? (
          <>
            <RecipientField label="Cc" value={fields.cc} onChange={(cc) => change({ cc })} />
            <RecipientField label="Bcc" value={fields.bcc} onChange={(bcc) => change({ bcc })} />
          </>
        ) : (
          <button type="button" className="text-xs text-brand-600 hover:underline" onClick={() => setShowCc(true)}>Cc / Bcc</button>
        )}
        <label className="flex items-center gap-2 border-b border-zinc-200 py-1 dark:border-zinc-800">
          <span className="w-10 shrink-0 text-sm text-zinc-500">Subject</span>
          <input value={fields.subject} onChange={(e) => change({ subject: e.target.value })} className="flex-1 bg-transparent py-1 text-sm outline-none" aria-label="Subject" />
        </label>
        <div className="flex justify-end">
          <label className="flex items-center gap-1 text-xs text-zinc-600">
            <input
              type="checkbox"
              checked={rich}
              onChange={(e) => {
                setRich(e.target.checked);
                change({ html: e.target.checked ? escapeToHtml(fields.text) : null });
              }}
            />
            Rich text
          </label>
        </div>
        {rich ? (
          <RichTextEditor key={editorKey} initialHtml={fields.html ?? ""} onChange={(html, text) => change({ html, text })} />
        ) : (
          <textarea
            aria-label="Message"
            value={fields.text}
            onChange={(e) => change({ text: e.target.value })}
            rows={12}
            className="w-full rounded-md border border-zinc-300 p-3 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            autoFocus={fields.to.length > 0}
          />
        )}
        <ComposeAttachments attachments={attachments} onPickFromFiles={() => setPicking(true)} />
        {send.error ? <p role="alert" className="text-sm text-red-600">{errorMessage(send.error)}</p> : null}
        {saveError ? <p role="alert" className="text-sm text-red-600">The draft was not saved: {saveError}</p> : null}
        <div className="flex flex-wrap items-center justify-between gap-2 pt-2">
          <span className="text-xs text-zinc-500" aria-live="polite" data-testid="draft-status">
            {saveDraft.isPending ? "Saving draft…" : savedAt ? `Draft saved ${TIME.format(savedAt)}` : ""}
          </span>
          <div className="flex gap-2">
            <Button variant="ghost" onClick={() => void discardNow()} busy={discard.isPending}>Discard</Button>
            <Button type="submit" busy={send.isPending} disabled={recipients === 0 || attachments.busy}>Send</Button>
          </div>
        </div>
      </form>
      {picking ? (
        <FolderPickerDialog
          title="Attach from Files"
          confirmLabel="Attach"
          startIn={null}
          onPick={async () => undefined}
          onPickFile={(file) => attachments.addFromFiles(file)}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </Dialog>
  );
}

function escapeToHtml(text: string): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return escaped.split("\n").join("<br>");
}
