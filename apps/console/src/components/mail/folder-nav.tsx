"use client";

import { Button } from "@awan/ui/button";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import type { MailboxWithFolders } from "./mail-types";

/**
 * The left column: each mailbox the person reads, its address, its folders
 * with unread counts (Drafts shows how many it holds), and a new folder.
 */
export function FolderNav({
  mailboxes,
  currentFolderId,
  onOpen,
  onCompose,
}: {
  mailboxes: MailboxWithFolders[];
  currentFolderId: string | null;
  onOpen: (folderId: string) => void;
  onCompose: () => void;
}) {
  return (
    <div className="w-56 shrink-0 space-y-4">
      <Button className="w-full" onClick={onCompose} aria-keyshortcuts="c">
        Compose
      </Button>
      {mailboxes.map((mailbox) => (
        <nav key={mailbox.id} aria-label={mailbox.kind === "PERSONAL" ? "Folders" : `Folders of ${mailbox.displayName}`} className="space-y-1">
          <div className="px-2">
            <p className="truncate text-sm font-semibold">{mailbox.kind === "PERSONAL" ? "Your mail" : mailbox.displayName}</p>
            {mailbox.address ? (
              <p className="truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid={mailbox.kind === "PERSONAL" ? "my-address" : undefined}>
                {mailbox.address}
              </p>
            ) : null}
          </div>
          <ul className="space-y-0.5">
            {mailbox.folders.map((folder) => {
              const current = folder.id === currentFolderId;
              const count = folder.role === "DRAFTS" ? folder.total : folder.unread;
              return (
                <li key={folder.id}>
                  <button
                    type="button"
                    onClick={() => onOpen(folder.id)}
                    aria-current={current ? "page" : undefined}
                    className={`flex w-full items-center justify-between gap-1 rounded px-2 py-1 text-left text-sm ${current ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}
                  >
                    <span className={`truncate ${folder.unread > 0 && folder.role !== "DRAFTS" ? "font-semibold" : ""}`}>{folder.name}</span>
                    {count > 0 ? (
                      <span
                        className="rounded-full bg-zinc-200 px-1.5 text-xs dark:bg-zinc-700"
                        aria-label={folder.role === "DRAFTS" ? `${count} drafts` : `${count} unread`}
                      >
                        {count}
                      </span>
                    ) : null}
                  </button>
                </li>
              );
            })}
          </ul>
          <NewFolder mailboxId={mailbox.id} onCreated={onOpen} />
        </nav>
      ))}
    </div>
  );
}

function NewFolder({ mailboxId, onCreated }: { mailboxId: string; onCreated: (folderId: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.mail.createFolder.mutationOptions({
      onSuccess: async (folder) => {
        await queryClient.invalidateQueries({ queryKey: trpc.mail.folders.queryKey() });
        setEditing(false);
        setName("");
        onCreated(folder.id);
      },
    }),
  );
  if (!editing) {
    return (
      <Button variant="ghost" className="w-full justify-start" onClick={() => setEditing(true)}>
        <span aria-hidden>+</span> New folder
      </Button>
    );
  }
  return (
    <form
      className="space-y-1 px-2"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ mailboxId, name });
      }}
    >
      <input
        autoFocus
        aria-label="Folder name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && setEditing(false)}
        className="w-full rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      {create.error ? <p role="alert" className="text-xs text-red-600">{errorMessage(create.error)}</p> : null}
      <div className="flex gap-1">
        <Button type="submit" className="px-2 py-1" busy={create.isPending} disabled={name.trim() === ""}>Create</Button>
        <Button variant="ghost" className="px-2 py-1" onClick={() => setEditing(false)}>Cancel</Button>
      </div>
    </form>
  );
}
