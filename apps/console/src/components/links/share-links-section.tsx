"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { LinkSettingsFields, readLinkSettings } from "./link-settings-fields";

type ShareLink = RouterOutputs["links"]["list"][number];

const STATES: Record<ShareLink["state"], string> = { active: "Active", expired: "Expired", revoked: "Turned off", "used-up": "Download limit reached" };

/**
 * Public links to an item: make one (password, expiry, download limit, and
 * for folders a file drop), see the new address once, and see, change or turn
 * off the links already made. Only the owner and editors manage links.
 */
export function ShareLinksSection({ itemId, itemKind, canManage }: { itemId: string; itemKind: "FILE" | "FOLDER"; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const links = useQuery({ ...trpc.links.list.queryOptions({ itemId }), enabled: canManage });
  const refresh = () => queryClient.invalidateQueries(trpc.links.list.queryFilter({ itemId }));
  const create = useMutation(trpc.links.create.mutationOptions({ onSuccess: () => void refresh() }));
  const [created, setCreated] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  if (!canManage) {
    return (
      <section aria-labelledby="public-links-title" className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <h3 id="public-links-title" className="font-semibold">Public links</h3>
        <p className="text-zinc-600 dark:text-zinc-400">Only the owner and editors can make public links.</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="public-links-title" className="space-y-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <div>
        <h3 id="public-links-title" className="font-semibold">Public links</h3>
        <p className="text-zinc-600 dark:text-zinc-400">Anyone with a link can open it without an account.</p>
      </div>
      <form
        key={formKey}
        aria-label="New public link"
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const settings = readLinkSettings(form);
          setCreated(null);
          create.mutate(
            { itemId, mode: form.get("drop") === "on" ? "DROP" : "VIEW", password: settings.password || null, expiresAt: settings.expiresAt, maxDownloads: settings.maxDownloads },
            {
              onSuccess: (result) => {
                setCreated(`${window.location.origin}${result.path}`);
                setFormKey((k) => k + 1);
              },
            },
          );
        }}
      >
        <LinkSettingsFields />
        {itemKind === "FOLDER" ? (
          <label className="flex items-start gap-2">
            <input type="checkbox" name="drop" className="mt-1" />
            <span>
              File drop
              <span className="block text-zinc-500 dark:text-zinc-400">People with the link can add files to this folder, but not see what is in it.</span>
            </span>
          </label>
        ) : null}
        {create.error ? <Alert>{errorMessage(create.error)}</Alert> : null}
        <Button type="submit" busy={create.isPending}>Create link</Button>
      </form>
      {created ? (
        <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 dark:border-emerald-900 dark:bg-emerald-950">
          <label htmlFor="new-public-link" className="block font-medium">New link</label>
          <div className="flex gap-2">
            <input id="new-public-link" readOnly value={created} onFocus={(event) => event.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900" />
            <CopyButton text={created} label="Copy link" />
          </div>
          <p className="text-zinc-600 dark:text-zinc-400">Copy it now: this is the only time it is shown. Only a fingerprint of it is kept, so nobody can read it back later, not even you.</p>
        </div>
      ) : null}
      {links.error ? <Alert>{errorMessage(links.error)}</Alert> : null}
      {links.data && links.data.length > 0 ? (
        <ul className="space-y-2" aria-label="Public links">
          {links.data.map((link) => <LinkRow key={link.id} link={link} onChanged={refresh} />)}
        </ul>
      ) : links.data ? (
        <p className="text-zinc-500">No public links yet.</p>
      ) : null}
    </section>
  );
}

function LinkRow({ link, onChanged }: { link: ShareLink; onChanged(): void }) {
  const trpc = useTRPC();
  const revoke = useMutation(trpc.links.revoke.mutationOptions({ onSuccess: onChanged }));
  const update = useMutation(trpc.links.update.mutationOptions({ onSuccess: () => { setEditing(false); onChanged(); } }));
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const active = link.state === "active";
  const details = [
    link.mode === "DROP" ? "File drop" : "View and download",
    link.hasPassword ? "password" : "no password",
    link.expiresAt ? `until ${link.expiresAt.toLocaleString([], { dateStyle: "medium", timeStyle: "short" })}` : "no expiry",
    link.mode === "VIEW" ? (link.maxDownloads === null ? `${link.downloadCount} downloads` : `${link.downloadCount} of ${link.maxDownloads} downloads`) : null,
  ].filter(Boolean);

  return (
    <li aria-label={`Link made ${link.createdAt.toLocaleString()}`} className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <p className="font-medium">
            {STATES[link.state]}
            {link.locked && active ? <span className="ml-2 text-amber-600">· paused after wrong passwords</span> : null}
          </p>
          <p className="text-zinc-600 dark:text-zinc-400">{details.join(" · ")}</p>
          <p className="text-xs text-zinc-500">Made {link.createdAt.toLocaleDateString([], { dateStyle: "medium" })}</p>
        </div>
        {link.state !== "revoked" ? (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setEditing((e) => !e)}>{editing ? "Cancel" : "Change"}</Button>
            {confirming ? (
              <Button variant="danger" busy={revoke.isPending} onClick={() => revoke.mutate({ linkId: link.id })}>Turn off for good</Button>
            ) : (
              <Button variant="secondary" onClick={() => setConfirming(true)}>Turn off</Button>
            )}
          </div>
        ) : null}
      </div>
      {editing ? (
        <form
          aria-label="Change link"
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const settings = readLinkSettings(form);
            const password = form.get("removePassword") === "on" ? null : settings.password || undefined;
            update.mutate({ linkId: link.id, password, expiresAt: settings.expiresAt, ...(link.mode === "VIEW" && { maxDownloads: settings.maxDownloads }) });
          }}
        >
          <LinkSettingsFields link={link} />
          {link.hasPassword ? (
            <label className="flex items-center gap-2">
              <input type="checkbox" name="removePassword" /> Remove the password
            </label>
          ) : null}
          <Button type="submit" busy={update.isPending}>Save link</Button>
        </form>
      ) : null}
      {revoke.error || update.error ? <Alert>{errorMessage(revoke.error ?? update.error)}</Alert> : null}
    </li>
  );
}
