"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { PageHeader } from "@/components/page-header";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { ComposeDialog, type ComposeSeed } from "./compose-dialog";
import { forwardSeed, newMessageSeed, replySeed } from "./compose-seeds";
import { FolderActions } from "./folder-actions";
import { FolderNav } from "./folder-nav";
import { MailToolbar, type ToolbarAction } from "./mail-toolbar";
import type { MailListMessage } from "./mail-types";
import { MessageList } from "./message-list";
import { ReadingPane } from "./reading-pane";
import { useMailActions } from "./use-mail-actions";
import { useMailShortcuts } from "./use-mail-shortcuts";

/**
 * The Mail section: folders of the person's mailboxes, a folder's messages
 * (or search results), the open conversation, compose, and keyboard
 * shortcuts. The open folder, message and search live in the address
 * (?folder=…&message=…&q=…).
 */
export function MailView() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const folders = useQuery(trpc.mail.folders.queryOptions());
  const mailboxes = folders.data ?? [];
  const allFolders = mailboxes.flatMap((m) => m.folders);
  const personal = mailboxes.find((m) => m.kind === "PERSONAL") ?? mailboxes[0];
  const folder = allFolders.find((f) => f.id === params.get("folder")) ?? personal?.folders.find((f) => f.role === "INBOX");
  const mailboxOfFolder = mailboxes.find((m) => m.folders.some((f) => f.id === folder?.id));
  const openId = params.get("message");
  const search = params.get("q") ?? "";
  const ownAddresses = useMemo(() => new Set(mailboxes.flatMap((m) => (m.address ? [m.address] : []))), [mailboxes]);

  const navigate = (next: { folder?: string | null; message?: string | null; q?: string | null }) => {
    const query = new URLSearchParams();
    const f = next.folder !== undefined ? next.folder : (folder?.id ?? null);
    const m = next.message !== undefined ? next.message : openId;
    const q = next.q !== undefined ? next.q : search;
    if (f) query.set("folder", f);
    if (m) query.set("message", m);
    if (q) query.set("q", q);
    router.push(`${pathname}?${query.toString()}`, { scroll: false });
  };

  const listInput = { folderId: folder?.id ?? "", limit: 50 };
  const list = useInfiniteQuery({
    ...trpc.mail.messages.infiniteQueryOptions(listInput, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    enabled: Boolean(folder) && !search,
  });
  const found = useInfiniteQuery({
    ...trpc.mail.search.infiniteQueryOptions({ query: search }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    enabled: search.length > 0,
  });
  const source = search ? found : list;
  const messages: MailListMessage[] = source.data?.pages.flatMap((p) => p.messages) ?? [];

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [activeIndex, setActiveIndex] = useState(0);
  const [compose, setCompose] = useState<ComposeSeed | null>(null);
  const [composeError, setComposeError] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const actions = useMailActions();
  useEffect(() => {
    setSelected(new Set());
    setActiveIndex(0);
  }, [folder?.id, search]);

  const openMessage = messages.find((m) => m.id === openId) ?? null;
  const active = openMessage ?? messages[Math.min(activeIndex, messages.length - 1)] ?? null;
  const targets = selected.size > 0 ? [...selected] : openId ? [openId] : [];

  async function open(message: MailListMessage) {
    setActiveIndex(Math.max(0, messages.findIndex((m) => m.id === message.id)));
    if (message.isDraft) {
      try {
        const draft = await queryClient.fetchQuery(trpc.mail.draft.queryOptions({ draftId: message.id }));
        setCompose({ ...draft, forwardOfId: null });
      } catch (error) {
        setComposeError(errorMessage(error));
      }
      return;
    }
    navigate({ message: message.id });
    if (!message.isRead) void actions.setRead([message.id], true).catch(() => undefined);
  }

  async function act(action: ToolbarAction) {
    const ids = targets;
    const leave = () => {
      setSelected(new Set());
      if (openId && ids.includes(openId)) navigate({ message: null });
    };
    const run = async (work: () => Promise<unknown>, leaves = false) => {
      try {
        await work();
        if (leaves) leave();
      } catch {
        // actions.error says what went wrong
      }
    };
    switch (action) {
      case "back":
        return navigate({ message: null });
      case "reply":
      case "replyAll":
        if (active) setCompose(replySeed(active, action === "replyAll", ownAddresses));
        return;
      case "forward":
        if (active) setCompose(forwardSeed(active));
        return;
    }
    if (ids.length === 0) return;
    if (action === "archive") await run(() => actions.archive(ids), true);
    else if (action === "delete") await run(() => actions.trash(ids), true);
    else if (action === "restore") await run(() => actions.restore(ids), true);
    else if (action === "deleteForever") {
      if (window.confirm(ids.length === 1 ? "Delete this message forever?" : `Delete ${ids.length} messages forever?`)) await run(() => actions.deleteForever(ids), true);
    } else if (action === "markUnread") await run(() => actions.setRead(ids, false), true);
    else if (action === "markRead") await run(() => actions.setRead(ids, true));
    else if (action === "star") await run(() => actions.setStarred(ids, true));
    else if (action === "unstar") await run(() => actions.setStarred(ids, false));
  }

  useMailShortcuts((shortcut) => {
    if (shortcut === "compose") return personal && setCompose(newMessageSeed(personal.id));
    if (shortcut === "search") return searchBox.current?.focus();
    if (shortcut === "back") return navigate({ message: null });
    if (shortcut === "next" || shortcut === "previous") {
      const current = openMessage ? messages.findIndex((m) => m.id === openMessage.id) : activeIndex;
      const next = Math.max(0, Math.min(messages.length - 1, current + (shortcut === "next" ? 1 : -1)));
      setActiveIndex(next);
      const target = messages[next];
      if (openId && target) void open(target);
      return;
    }
    if (shortcut === "star") {
      if (active) void actions.setStarred([active.id], !active.isStarred).catch(() => undefined);
      return;
    }
    if (shortcut === "archive" || shortcut === "delete") {
      const ids = selected.size > 0 ? [...selected] : active ? [active.id] : [];
      if (ids.length === 0) return;
      void (shortcut === "archive" ? actions.archive(ids) : actions.trash(ids))
        .then(() => {
          setSelected(new Set());
          if (openId && ids.includes(openId)) navigate({ message: null });
        })
        .catch(() => undefined);
      return;
    }
    void act(shortcut);
  });

  const senders = mailboxes.flatMap((m) => (m.address ? [{ id: m.id, label: m.kind === "PERSONAL" ? m.address : `${m.displayName} <${m.address}>` }] : []));
  const moveTargets = (mailboxOfFolder?.folders ?? []).filter((f) => f.id !== folder?.id && f.role !== "DRAFTS" && f.role !== "SENT");

  return (
    <>
      <PageHeader
        title="Mail"
        actions={
          <form
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              const q = new FormData(e.currentTarget).get("q");
              navigate({ q: typeof q === "string" ? q.trim() : "", message: null });
            }}
            className="flex gap-2"
          >
            <input
              ref={searchBox}
              name="q"
              key={search}
              defaultValue={search}
              type="search"
              placeholder="Search mail (/)"
              aria-label="Search mail"
              aria-keyshortcuts="/"
              className="w-72 rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            />
          </form>
        }
      />
      {folders.error ? <p role="alert" className="text-sm text-red-600">{errorMessage(folders.error)}</p> : null}
      {folders.isPending ? <p className="text-sm text-zinc-500" role="status">Loading mail…</p> : null}
      {folder ? (
        <div className="flex min-h-[60dvh] gap-4">
          <FolderNav mailboxes={mailboxes} currentFolderId={search ? null : folder.id} onOpen={(id) => navigate({ folder: id, message: null, q: null })} onCompose={() => personal && setCompose(newMessageSeed(personal.id))} />
          <div className="flex min-w-0 flex-1 flex-col gap-2">
            <MailToolbar folder={folder} hasOpen={Boolean(openId)} count={targets.length} moveTargets={moveTargets} busy={actions.busy} onAction={(a) => void act(a)} onMove={(id) => void actions.move(targets, id).then(() => navigate({ message: null })).catch(() => undefined)} />
            {!search && !openId && mailboxOfFolder ? (
              <FolderActions folder={folder} mailboxId={mailboxOfFolder.id} onDeleted={() => navigate({ folder: null, message: null })} />
            ) : null}
            {actions.error ? <p role="alert" className="text-sm text-red-600">{actions.error}</p> : null}
            {composeError ? <p role="alert" className="text-sm text-red-600">{composeError}</p> : null}
            {search ? (
              <p className="text-sm text-zinc-600">
                Results for “{search}” in all your mail ·{" "}
                <button type="button" className="text-brand-600 hover:underline" onClick={() => navigate({ q: null, message: null })}>Clear search</button>
              </p>
            ) : null}
            <div className="flex min-w-0 flex-1 gap-4">
              <div className={`min-w-0 ${openId ? "hidden w-80 shrink-0 lg:block" : "flex-1"}`}>
                <MessageList
                  folder={search ? { ...folder, name: "search results", role: null } : folder}
                  messages={messages}
                  loading={source.isPending && source.fetchStatus !== "idle"}
                  error={source.error ? errorMessage(source.error) : null}
                  activeId={active?.id ?? null}
                  selected={selected}
                  onSelect={(ids, on) => setSelected((all) => new Set(on ? [...all, ...ids] : [...all].filter((id) => !ids.includes(id))))}
                  onOpen={(m) => void open(m)}
                  onStar={(m) => void actions.setStarred([m.id], !m.isStarred).catch(() => undefined)}
                  hasMore={Boolean(source.hasNextPage)}
                  loadingMore={source.isFetchingNextPage}
                  onLoadMore={() => void source.fetchNextPage()}
                />
              </div>
              {openId ? (
                <div className="min-w-0 flex-1">
                  <ReadingPane messageId={openId} />
                </div>
              ) : null}
            </div>
          </div>
        </div>
      ) : null}
      {compose ? <ComposeDialog key={compose.draftId ?? "new"} seed={compose} senders={senders} onClose={() => setCompose(null)} /> : null}
    </>
  );
}
