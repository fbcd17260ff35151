"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { TextField } from "@awan/ui/field";
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "@/lib/trpc";

type NameDialogProps = {
  title: string;
  label: string;
  initial: string;
  submitLabel: string;
  /** Resolves when done; a rejection (e.g. the name is taken) is shown and the dialog stays open. */
  onSubmit(name: string): Promise<unknown>;
  onClose(): void;
};

/** New folder and rename: one name, the server's verdict on it shown in place. */
export function NameDialog({ title, label, initial, submitLabel, onSubmit, onClose }: NameDialogProps) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Select the name without its extension, as file managers do, so typing keeps ".pdf".
    const dot = initial.lastIndexOf(".");
    input.current?.focus();
    input.current?.setSelectionRange(0, dot > 0 ? dot : initial.length);
  }, [initial]);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(name);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} size="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        className="space-y-4"
      >
        <TextField ref={input} label={label} value={name} onChange={(e) => setName(e.target.value)} required />
        {error ? <Alert>{error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button type="submit" busy={busy} disabled={name.trim() === ""}>{submitLabel}</Button>
        </div>
      </form>
    </Dialog>
  );
}
