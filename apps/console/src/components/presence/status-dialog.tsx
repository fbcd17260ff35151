"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { TextField } from "@awan/ui/field";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { PersonPresence } from "@/lib/live/presence-hooks";
import { errorMessage, fieldError, useTRPC } from "@/lib/trpc";

const SUGGESTIONS = [
  { emoji: "📅", text: "In a meeting" },
  { emoji: "🏠", text: "Working from home" },
  { emoji: "🤒", text: "Out sick" },
  { emoji: "🌴", text: "On holiday" },
];

/** Sets or clears the viewer's custom status, which everyone sees next to their name. */
export function StatusDialog({ current, onClose }: { current: PersonPresence | undefined; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [emoji, setEmoji] = useState(current?.statusEmoji ?? "");
  const [text, setText] = useState(current?.statusText ?? "");
  const save = useMutation(
    trpc.presence.setStatus.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.presence.list.queryKey() });
        onClose();
      },
    }),
  );
  return (
    <Dialog title="Set a status" onClose={onClose} size="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ emoji, text });
        }}
        className="space-y-4"
      >
        <div className="flex gap-2">
          <div className="w-20 shrink-0">
            <TextField label="Emoji" value={emoji} onChange={(e) => setEmoji(e.target.value)} error={fieldError(save.error, "emoji") ?? undefined} />
          </div>
          <TextField autoFocus label="Status" value={text} onChange={(e) => setText(e.target.value)} maxLength={100} error={fieldError(save.error, "text") ?? undefined} />
        </div>
        <ul aria-label="Suggestions" className="flex flex-wrap gap-2">
          {SUGGESTIONS.map((s) => (
            <li key={s.text}>
              <Button variant="secondary" onClick={() => (setEmoji(s.emoji), setText(s.text))}>
                {s.emoji} {s.text}
              </Button>
            </li>
          ))}
        </ul>
        {save.error && !fieldError(save.error, "emoji") && !fieldError(save.error, "text") ? <Alert>{errorMessage(save.error)}</Alert> : null}
        <div className="flex justify-end gap-2">
          {current?.statusText || current?.statusEmoji ? (
            <Button variant="ghost" onClick={() => save.mutate({ emoji: "", text: "" })}>Clear status</Button>
          ) : null}
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button type="submit" busy={save.isPending}>Save status</Button>
        </div>
      </form>
    </Dialog>
  );
}
