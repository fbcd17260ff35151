"use client";

import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";

export const SHORTCUTS: [keys: string, what: string][] = [
  ["↑ ↓ (← → in grid view)", "Move between items"],
  ["Shift + arrows", "Select a range"],
  ["Space", "Select or unselect the item"],
  ["Enter", "Open the folder, or preview the file"],
  ["Ctrl/⌘ + A", "Select everything in this folder"],
  ["Esc", "Unselect everything"],
  ["Delete or Backspace", "Move the selection to the trash"],
  ["F2", "Rename"],
  ["S", "Share the item"],
  ["Shift + N", "New folder"],
  ["U", "Upload files"],
  ["/", "Search your files"],
  ["← →  (in a preview)", "Previous or next file"],
  ["?", "Show these shortcuts"],
];

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} actions={<Button onClick={onClose}>Close</Button>}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt><kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-800">{keys}</kbd></dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
