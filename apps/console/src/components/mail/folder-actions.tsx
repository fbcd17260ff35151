"use client";

import { Button } from "@awan/ui/button";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/lib/trpc";
import type { MailFolder } from "./mail-types";

/** What a folder itself offers: Empty Trash, and renaming or deleting a folder one made. */
export function FolderActions({ folder, mailboxId, onDeleted }: { folder: MailFolder; mailboxId: string; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reload = () => queryClient.invalidateQueries({ queryKey: trpc.mail.pathKey() });
  const empty = useMutation(trpc.mail.emptyTrash.mutationOptions({ onSuccess: reload }));
  const rename = useMutation(trpc.mail.renameFolder.mutationOptions({ onSuccess: reload }));
  const remove = useMutation(
    trpc.mail.deleteFolder.mutationOptions({
      onSuccess: async () => {
        await reload();
        onDeleted();
      },
    }),
  );
  const error = empty.error ?? rename.error ?? remove.error;
  if (folder.role !== "TRASH" && folder.role !== null) return null;
  return (
    <div className="flex items-center gap-1">
      {folder.role === "TRASH" ? (
        <Button
          variant="ghost"
          disabled={folder.total === 0}
          busy={empty.isPending}
          onClick={() => window.confirm(`Delete the ${folder.total} messages in Trash forever?`) && empty.mutate({ mailboxId })}
        >
          Empty Trash
        </Button>
      ) : (
        <>
          <Button
            variant="ghost"
            busy={rename.isPending}
            onClick={() => {
              const name = window.prompt("New name of the folder", folder.name);
              if (name && name.trim() !== folder.name) rename.mutate({ folderId: folder.id, name });
            }}
          >
            Rename folder
          </Button>
          <Button
            variant="ghost"
            busy={remove.isPending}
            onClick={() => window.confirm(`Delete the folder “${folder.name}”? Its messages go to Trash.`) && remove.mutate({ folderId: folder.id })}
          >
            Delete folder
          </Button>
        </>
      )}
      {error ? <span role="alert" className="text-sm text-red-600">{errorMessage(error)}</span> : null}
    </div>
  );
}
