"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";

/**
 * The mutations the toolbar, the stars and the shortcuts run on lists of
 * message ids; after each, counts, lists and the open conversation reload.
 */
export function useMailActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const options = {
    onSuccess: () => {
      setError(null);
      return queryClient.invalidateQueries({ queryKey: trpc.mail.pathKey() });
    },
    onError: (e: unknown) => setError(errorMessage(e)),
  };
  const setRead = useMutation(trpc.mail.setRead.mutationOptions(options));
  const setStarred = useMutation(trpc.mail.setStarred.mutationOptions(options));
  const archive = useMutation(trpc.mail.archive.mutationOptions(options));
  const trash = useMutation(trpc.mail.trash.mutationOptions(options));
  const restore = useMutation(trpc.mail.restore.mutationOptions(options));
  const deleteForever = useMutation(trpc.mail.deleteForever.mutationOptions(options));
  const move = useMutation(trpc.mail.move.mutationOptions(options));
  const all = [setRead, setStarred, archive, trash, restore, deleteForever, move];
  return {
    error,
    busy: all.some((m) => m.isPending),
    setRead: (ids: string[], isRead: boolean) => setRead.mutateAsync({ ids, isRead }),
    setStarred: (ids: string[], isStarred: boolean) => setStarred.mutateAsync({ ids, isStarred }),
    archive: (ids: string[]) => archive.mutateAsync({ ids }),
    trash: (ids: string[]) => trash.mutateAsync({ ids }),
    restore: (ids: string[]) => restore.mutateAsync({ ids }),
    deleteForever: (ids: string[]) => deleteForever.mutateAsync({ ids }),
    move: (ids: string[], folderId: string) => move.mutateAsync({ ids, folderId }),
  };
}
