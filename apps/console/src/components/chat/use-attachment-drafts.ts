"use client";

import type { RouterOutputs } from "@awan/backend";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { chatAttachmentUrls } from "./attachment-urls";

export type ChatAttachment = RouterOutputs["chat"]["attachFromFiles"];
export type AttachmentDraft = { key: string; name: string; size: number; sent: number; attachment?: ChatAttachment; error?: string };

/**
 * Files waiting to go with the next message: uploads from the computer with
 * their progress, and files picked from Files. A message can be sent once
 * every draft is ready; removing one cancels its upload.
 */
export function useAttachmentDrafts() {
  const trpc = useTRPC();
  const [drafts, setDrafts] = useState<AttachmentDraft[]>([]);
  const uploads = useRef(new Map<string, XMLHttpRequest>());
  const update = (key: string, change: Partial<AttachmentDraft>) => setDrafts((all) => all.map((d) => (d.key === key ? { ...d, ...change } : d)));
  const fromFiles = useMutation(trpc.chat.attachFromFiles.mutationOptions());

  function upload(file: File) {
    const key = crypto.randomUUID();
    setDrafts((all) => [...all, { key, name: file.name, size: file.size, sent: 0 }]);
    const request = new XMLHttpRequest();
    uploads.current.set(key, request);
    request.open("POST", chatAttachmentUrls().upload(file.name));
    request.setRequestHeader("content-type", file.type || "application/octet-stream");
    request.upload.onprogress = (event) => update(key, { sent: event.loaded });
    request.onload = () => {
      uploads.current.delete(key);
      if (request.status === 201) update(key, { sent: file.size, attachment: JSON.parse(request.responseText) as ChatAttachment });
      else update(key, { error: request.responseText || `The upload failed (${request.status}).` });
    };
    request.onerror = () => update(key, { error: "The upload failed. Check your connection and try again." });
    request.send(file);
  }

  return {
    drafts,
    ready: drafts.every((d) => d.attachment),
    attachmentIds: drafts.flatMap((d) => (d.attachment ? [d.attachment.id] : [])),
    addFiles: (files: Iterable<File>) => {
      for (const file of files) upload(file);
    },
    addFromFiles: async (file: { id: string; name: string }) => {
      const key = crypto.randomUUID();
      setDrafts((all) => [...all, { key, name: file.name, size: 0, sent: 0 }]);
      try {
        const attachment = await fromFiles.mutateAsync({ fileId: file.id });
        update(key, { attachment, size: attachment.size, sent: attachment.size });
      } catch (error) {
        update(key, { error: errorMessage(error) });
      }
    },
    remove: (key: string) => {
      uploads.current.get(key)?.abort();
      uploads.current.delete(key);
      setDrafts((all) => all.filter((d) => d.key !== key));
    },
    /** After sending: the drafts went with the message. */
    clear: () => setDrafts([]),
  };
}
