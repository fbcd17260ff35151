"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { Alert } from "@awan/ui/alert";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { fetchLinkFolder, linkUrls, type LinkInfo } from "./public-api";

const LINK = "text-brand-600 hover:underline dark:text-brand-400";
const BUTTON = "inline-flex items-center justify-center rounded-md px-3.5 py-2 text-sm font-medium";

/** A linked folder: browse inside it (never above it), download files one by one, a selection, or all of it as a zip. */
export function PublicFolder({ token, link, folderId }: { token: string; link: LinkInfo; folderId: string | null }) {
  const urls = linkUrls(token);
  const listing = useQuery({ queryKey: ["public-link-folder", token, folderId], queryFn: () => fetchLinkFolder(token, folderId), retry: false });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const href = (id: string) => (id === link.item.id ? `/s/${token}` : `/s/${token}?folder=${id}`);

  if (listing.isPending) return <p className="text-sm text-zinc-500">Loading…</p>;
  if (listing.error) {
    return (
      <div className="space-y-3">
        <Alert>{listing.error.message}</Alert>
        <Link href={`/s/${token}`} className={`text-sm ${LINK}`}>Back to “{link.item.name}”</Link>
      </div>
    );
  }
  const { folder, path, items, truncated } = listing.data;
  const toggle = (id: string) => setSelected((current) => {
    const next = new Set(current);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  return (
    <section className="space-y-4" aria-label="Shared folder">
      <nav aria-label="Folder path">
        <ol className="flex flex-wrap items-center gap-1 text-sm">
          {path.map((crumb, index) => (
            <li key={crumb.id} className="flex items-center gap-1">
              {index > 0 ? <span aria-hidden className="text-zinc-400">›</span> : null}
              {index === path.length - 1 ? <span aria-current="page" className="font-medium">{crumb.name}</span> : <Link href={href(crumb.id)} className={LINK}>{crumb.name}</Link>}
            </li>
          ))}
        </ol>
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold break-words">{folder.name}</h1>
        <div className="flex flex-wrap gap-2">
          {selected.size > 0 ? (
            <a href={urls.zip([...selected])} download className={`${BUTTON} border border-zinc-300 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800`}>
              Download {selected.size} selected as zip
            </a>
          ) : null}
          <a href={urls.zip([folder.id])} download className={`${BUTTON} bg-brand-600 text-white hover:bg-brand-700`}>Download all as zip</a>
        </div>
      </div>
      {link.downloadsLeft !== null ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{link.downloadsLeft} downloads left: each file and each zip counts as one.</p> : null}
      {items.length === 0 ? (
        <p className="text-sm text-zinc-500">This folder is empty.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-zinc-500">
            <tr>
              <th className="w-8 py-2"><span className="sr-only">Select</span></th>
              <th className="py-2">Name</th>
              <th className="py-2 text-right">Size</th>
              <th className="py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className="border-t border-zinc-200 dark:border-zinc-800">
                <td className="py-2">
                  <input type="checkbox" aria-label={`Select ${item.name}`} checked={selected.has(item.id)} onChange={() => toggle(item.id)} />
                </td>
                <td className="py-2 break-all">
                  {item.kind === "FOLDER" ? <Link href={href(item.id)} className={LINK}>{item.name}</Link> : item.name}
                </td>
                <td className="py-2 text-right text-zinc-500">{item.kind === "FOLDER" ? "Folder" : formatBytes(item.size)}</td>
                <td className="py-2 text-right">
                  {item.kind === "FILE" ? <a href={urls.content(item.id)} download className={LINK} aria-label={`Download ${item.name}`}>Download</a> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {truncated ? <Alert tone="info">Only the first {items.length.toLocaleString("en")} items are listed. Download the folder as a zip to get all of them.</Alert> : null}
    </section>
  );
}
