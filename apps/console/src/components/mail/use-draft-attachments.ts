"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { currentOrganizationId } from "@/lib/organization-on-screen";
import { errorMessage, useTRPC } from "@/lib/trpc";

export type DraftAttachment = { key: string; name: string; size: number; sent: number; id?: string; error?: string };

/** Where a draft's files go up: the console's mail draft route (backend mail/draft-attachment-transfer.ts). */
export function draftUploadUrl(draftId: string, name: string): string {
  return `/api/mail-drafts/${currentOrganizationId()}/${draftId}/attachments?name=${encodeURIComponent(name)}`;
}

/**
 * A draft's files: uploads from the computer with progress, and files from
 * Files (one too large to attach goes as a share link). Each needs the draft saved first (`ensureDraft` gives its id);
 * while an upload runs the draft is not replaced, so it lands on the draft
 * it was sent to.
 */
export function useDraftAttachments(
  initial: { id: string; name: string; size: number }[],
  ensureDraft: () => Promise<string | null>,
  /** A large file from Files comes back as a share link, for the text. */
  onLink: (name: string, url: string) => void,
) {
  const trpc = useTRPC();
  const [items, setItems] = useState<DraftAttachment[]>(() => initial.map((a) => ({ key: a.id, id: a.id, name: a.name, size: a.size, sent: a.size })));
  const running = useRef(0);
  const update = (key: string, change: Partial<DraftAttachment>) => setItems((all) => all.map((d) => (d.key === key ? { ...d, ...change } : d)));
  const fromFiles = useMutation(trpc.mail.attachFromFiles.mutationOptions());
  const removeOne = useMutation(trpc.mail.removeDraftAttachment.mutationOptions());

  async function track<T>(work: () => Promise<T>): Promise<T> {
    running.current += 1;
    try {
      return await work();
    } finally {
      running.current -= 1;
    }
  }

  function upload(file: File) {
    const key = crypto.randomUUID();
    setItems((all) => [...all, { key, name: file.name, size: file.size, sent: 0 }]);
    void track(async () => {
      const draftId = await ensureDraft();
      if (!draftId) return update(key, { error: "The draft could not be saved, so the file was not attached." });
      await new Promise<void>((resolve) => {
        const request = new XMLHttpRequest();
        request.open("POST", draftUploadUrl(draftId, file.name));
        request.setRequestHeader("content-type", file.type || "application/octet-stream");
        request.upload.onprogress = (event) => update(key, { sent: event.loaded });
        request.onload = () => {
          if (request.status === 201) update(key, { sent: file.size, id: (JSON.parse(request.responseText) as { id: string }).id });
          else update(key, { error: request.responseText || `The upload failed (${request.status}).` });
          resolve();
        };
        request.onerror = () => {
          update(key, { error: "The upload failed. Check your connection and try again." });
          resolve();
        };
        request.send(file);
      });
    });
  }

  return {
    items,
    busy: items.some((d) => !d.id && !d.error),
    isBusy: () => running.current > 0,
    addFiles: (files: Iterable<File>) => {
      for (const file of files) upload(file);
    },
    addFromFiles: (file: { id: string; name: string }) => {
      const key = crypto.randomUUID();
      setItems((all) => [...all, { key, name: file.name, size: 0, sent: 0 }]);
      return track(async () => {
        try {
          const draftId = await ensureDraft();
          if (!draftId) throw new Error("The draft could not be saved, so the file was not attached.");
          const attached = await fromFiles.mutateAsync({ draftId, fileId: file.id });
          if (attached.kind === "link") {
            setItems((all) => all.filter((d) => d.key !== key));
            onLink(attached.name, new URL(attached.path, window.location.origin).toString());
          } else {
            update(key, { id: attached.id, size: attached.size, sent: attached.size });
          }
        } catch (error) {
          update(key, { error: errorMessage(error) });
        }
      });
    },
    remove: (item: DraftAttachment) => {
      setItems((all) => all.filter((d) => d.key !== item.key));
      if (item.id) removeOne.mutate({ attachmentId: item.id });
    },
  };
}
