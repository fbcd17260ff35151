"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { LinkPasswordForm } from "./link-password-form";
import { fetchLinkInfo, LinkError } from "./public-api";
import { PublicDrop } from "./public-drop";
import { PublicFile } from "./public-file";
import { PublicFolder } from "./public-folder";

/**
 * What anyone with a public link sees, signed in or not: the password step
 * when there is one, then the file, the folder, or the file drop. A link that
 * no longer works gets a page saying why, and nothing about what it shared.
 */
export function PublicLinkPage({ token, folderId }: { token: string; folderId: string | null }) {
  const info = useQuery({ queryKey: ["public-link", token], queryFn: () => fetchLinkInfo(token), retry: false, staleTime: Infinity });

  if (info.isPending) return <Frame><p className="text-sm text-zinc-500">Opening the link…</p></Frame>;
  if (info.error) {
    const error = info.error;
    if (error instanceof LinkError && error.status === 401) {
      return <Frame><LinkPasswordForm token={token} onUnlocked={() => void info.refetch()} /></Frame>;
    }
    return (
      <Frame>
        <h1 className="text-xl font-semibold">{error instanceof LinkError && error.status < 500 ? error.message : "This link could not be opened"}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {error instanceof LinkError && error.status < 500 ? "Ask the person who sent it for a new link." : "Something went wrong on the server. Try again in a moment."}
        </p>
      </Frame>
    );
  }
  const link = info.data;
  return (
    <Frame wide={link.item.kind === "FOLDER" && link.mode === "VIEW"}>
      {link.mode === "DROP" ? (
        <PublicDrop token={token} link={link} />
      ) : link.item.kind === "FILE" ? (
        <PublicFile token={token} link={link} />
      ) : (
        <PublicFolder token={token} link={link} folderId={folderId} />
      )}
      {link.expiresAt ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">This link works until {new Date(link.expiresAt).toLocaleString([], { dateStyle: "long", timeStyle: "short" })}.</p>
      ) : null}
    </Frame>
  );
}

function Frame({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <main className="flex min-h-dvh justify-center px-4 py-12">
      <div className={`w-full ${wide ? "max-w-4xl" : "max-w-xl"} space-y-5`}>
        <p className="text-2xl font-semibold tracking-tight text-brand-600 dark:text-brand-400">Awan</p>
        {children}
      </div>
    </main>
  );
}
