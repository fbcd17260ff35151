"use client";

import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { useState } from "react";
import { useUploads } from "@/lib/uploads/upload-provider";
import type { ConflictChoice } from "@/lib/uploads/upload-queue";

/** Asks, one clash at a time, what to do with a file whose name is taken; "apply to all" answers the rest. */
export function ConflictDialog() {
  const { queue, tasks } = useUploads();
  const clashes = tasks.filter((t) => t.status === "name-taken");
  const [applyToAll, setApplyToAll] = useState(false);
  // More clashes may come from files still on their way, not only from those already known.
  const othersMayClash = clashes.length > 1 || tasks.some((t) => t.status === "queued" || t.status === "uploading");
  const first = clashes[0];
  if (!first) return null;
  const choose = (choice: ConflictChoice) => queue.resolveConflict(first.id, choice, applyToAll);
  return (
    <Dialog
      key={first.id}
      title="This name is already taken"
      onClose={() => choose("SKIP")}
      actions={
        <>
          <Button variant="ghost" onClick={() => choose("SKIP")}>Skip</Button>
          <Button variant="secondary" onClick={() => choose("KEEP_BOTH")}>Keep both</Button>
          <Button onClick={() => choose("REPLACE")}>Replace</Button>
        </>
      }
    >
      <p>{first.failure?.message}</p>
      <p className="mt-2">
        <strong>Replace</strong> keeps the old file as an earlier version; <strong>Keep both</strong> uploads this one under a new name.
      </p>
      {othersMayClash ? (
        <label className="mt-3 flex items-center gap-2">
          <input type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} className="size-4 accent-brand-600" />
          Do the same for every other file of this upload whose name is already used
        </label>
      ) : null}
    </Dialog>
  );
}
