"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { ProgressBar } from "@awan/ui/progress-bar";
import { useRef, useState, type DragEvent } from "react";
import { linkUrls, type LinkInfo } from "./public-api";

type Sent = { key: number; name: string; size: number; loaded: number; state: "waiting" | "sending" | "done" | "failed"; message?: string };

/** A file drop: files go into the folder one after another, each with its progress; what the folder holds is never shown. */
export function PublicDrop({ token, link }: { token: string; link: LinkInfo }) {
  const [sent, setSent] = useState<Sent[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const nextKey = useRef(0);

  const update = (key: number, change: Partial<Sent>) => setSent((list) => list.map((s) => (s.key === key ? { ...s, ...change } : s)));

  function add(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      const key = nextKey.current++;
      setSent((list) => [...list, { key, name: file.name, size: file.size, loaded: 0, state: "waiting" }]);
      queue.current = queue.current.then(() => send(linkUrls(token).drop(), file, (change) => update(key, change)));
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    add(event.dataTransfer.files);
  }

  return (
    <section className="space-y-4" aria-label="File drop">
      <div>
        <h1 className="text-xl font-semibold break-words">Send files to “{link.item.name}”</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Files you add go to the person who shared this link. You cannot see what others have sent.</p>
      </div>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center gap-3 rounded-xl border-2 border-dashed px-6 py-10 text-center ${over ? "border-brand-500 bg-brand-50 dark:bg-zinc-900" : "border-zinc-300 dark:border-zinc-700"}`}
      >
        <p className="text-sm">Drag files here, or</p>
        <button type="button" onClick={() => input.current?.click()} className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Choose files
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Files to send"
          onChange={(event) => {
            if (event.target.files) add(event.target.files);
            event.target.value = "";
          }}
        />
      </div>
      {sent.length > 0 ? (
        <ul className="space-y-3" aria-label="Sent files">
          {sent.map((s) => (
            <li key={s.key} aria-label={`Upload of ${s.name}`} className="space-y-1 text-sm">
              <div className="flex justify-between gap-2">
                <span className="truncate">{s.name}</span>
                <span className="shrink-0 text-zinc-500" aria-live="polite">
                  {s.state === "done" ? "Sent" : s.state === "failed" ? "Not sent" : s.state === "waiting" ? "Waiting" : `${formatBytes(s.loaded)} of ${formatBytes(s.size)}`}
                </span>
              </div>
              {s.state === "sending" || s.state === "waiting" ? <ProgressBar value={s.size ? s.loaded / s.size : 0} label={`Progress of ${s.name}`} /> : null}
              {s.message ? <p className="text-red-600 dark:text-red-400">{s.message}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** One file as the body of a POST (XMLHttpRequest, for upload progress); the server's refusal is shown as it is. */
function send(url: string, file: File, report: (change: Partial<Sent>) => void): Promise<void> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    request.setRequestHeader("content-type", file.type || "application/octet-stream");
    report({ state: "sending" });
    request.upload.onprogress = (event) => report({ loaded: event.loaded });
    request.onload = () => {
      if (request.status === 201) report({ state: "done", loaded: file.size });
      else report({ state: "failed", message: request.responseText || `The server refused the file (${request.status}).` });
      resolve();
    };
    request.onerror = () => {
      report({ state: "failed", message: "The connection was lost. Try again." });
      resolve();
    };
    request.send(file);
  });
}
