"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Dialog } from "@awan/ui/dialog";
import { EmptyState } from "@awan/ui/empty-state";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { folderHref } from "@/components/files/folder-href";
import { PageHeader } from "@/components/page-header";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { WorkspaceFormDialog } from "./workspace-form-dialog";
import { WorkspaceMembers } from "./workspace-members";

type Workspace = RouterOutputs["workspaces"]["list"][number];
const ROLE_WORDS = { ADMIN: "Admin", MEMBER: "Member", GUEST: "Guest" } as const;

/**
 * The Workspaces page: the workspaces one sees (those one is in, and the
 * open ones to join), and the chosen one (?workspace=…) with its people.
 */
export function WorkspacesView({ viewerId, canCreate }: { viewerId: string; canCreate: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const workspaces = useQuery(trpc.workspaces.list.queryOptions());
  const [dialog, setDialog] = useState<"new" | "edit" | "delete" | null>(null);
  const list = workspaces.data ?? [];
  const chosen = list.find((w) => w.id === params.get("workspace")) ?? list[0];
  const choose = (id: string) => router.push(`${pathname}?workspace=${id}`, { scroll: false });

  return (
    <>
      <PageHeader
        title="Workspaces"
        description="Group sites: each has its people, its channels in Chat and a shared folder in Files."
        actions={canCreate ? <Button onClick={() => setDialog("new")}>New workspace</Button> : null}
      />
      {workspaces.error ? <Alert>{errorMessage(workspaces.error)}</Alert> : null}
      {workspaces.isPending ? <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p> : null}
      {workspaces.data && list.length === 0 ? (
        <EmptyState title="No workspaces yet">{canCreate ? "Create one for a team or a project." : "You have not been invited to any workspace yet."}</EmptyState>
      ) : null}
      {chosen ? (
        <div className="flex flex-col gap-6 md:flex-row">
          <nav aria-label="Workspaces" className="w-full shrink-0 md:w-60">
            <ul className="space-y-1">
              {list.map((w) => (
                <li key={w.id}>
                  <button
                    type="button"
                    onClick={() => choose(w.id)}
                    aria-current={w.id === chosen.id ? "page" : undefined}
                    className={`flex w-full items-center justify-between gap-2 rounded px-2 py-1.5 text-left text-sm ${w.id === chosen.id ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}
                  >
                    <span className="truncate">{w.isPrivate ? "🔒 " : ""}{w.name}</span>
                    <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">{w.myRole ? ROLE_WORDS[w.myRole] : "Not joined"}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <WorkspaceDetails key={chosen.id} workspace={chosen} viewerId={viewerId} onEdit={() => setDialog("edit")} onDelete={() => setDialog("delete")} />
        </div>
      ) : null}
      {dialog === "new" ? <WorkspaceFormDialog onDone={choose} onClose={() => setDialog(null)} /> : null}
      {dialog === "edit" && chosen ? <WorkspaceFormDialog workspace={chosen} onDone={choose} onClose={() => setDialog(null)} /> : null}
      {dialog === "delete" && chosen ? <DeleteWorkspaceDialog workspace={chosen} onDeleted={() => router.push(pathname)} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

function WorkspaceDetails({ workspace: w, viewerId, onEdit, onDelete }: { workspace: Workspace; viewerId: string; onEdit(): void; onDelete(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.workspaces.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.chat.channels.queryKey() });
  };
  const join = useMutation(trpc.workspaces.join.mutationOptions({ onSuccess: refresh }));
  const leave = useMutation(trpc.workspaces.leave.mutationOptions({ onSuccess: refresh }));
  const folder = useQuery({ ...trpc.workspaces.folder.queryOptions({ workspaceId: w.id }), enabled: w.myRole !== null });
  const error = join.error ?? leave.error ?? folder.error;

  return (
    <section aria-labelledby="workspace-heading" className="min-w-0 flex-1 space-y-5 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="workspace-heading" className="text-lg font-semibold">{w.name}</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {w.isDefault ? "Everyone in the organization · " : w.isPrivate ? "Private · " : "Open to every member · "}
            {w.memberCount === 1 ? "1 person" : `${w.memberCount} people`}
            {w.myRole ? ` · you are ${w.myRole === "ADMIN" ? "an admin" : w.myRole === "GUEST" ? "a guest" : "a member"}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {w.canJoin ? <Button busy={join.isPending} onClick={() => join.mutate({ workspaceId: w.id })}>Join</Button> : null}
          {w.myRole ? <Link href="/chat" className="rounded-md border border-zinc-300 px-3.5 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800">Open Chat</Link> : null}
          {folder.data ? (
            <Link href={folderHref(folder.data.folderId)} className="rounded-md border border-zinc-300 px-3.5 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
              Shared folder
            </Link>
          ) : null}
          {w.canManage ? <Button variant="secondary" onClick={onEdit}>Rename…</Button> : null}
          {w.canLeave ? <Button variant="ghost" busy={leave.isPending} onClick={() => leave.mutate({ workspaceId: w.id })}>Leave</Button> : null}
          {w.canManage && !w.isDefault ? <Button variant="danger" onClick={onDelete}>Delete…</Button> : null}
        </div>
      </div>
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      <WorkspaceMembers workspaceId={w.id} workspaceName={w.name} canManage={w.canManage} viewerId={viewerId} />
    </section>
  );
}

function DeleteWorkspaceDialog({ workspace, onDeleted, onClose }: { workspace: Workspace; onDeleted(): void; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.workspaces.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.workspaces.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.chat.channels.queryKey() });
        onDeleted();
        onClose();
      },
    }),
  );
  return (
    <Dialog title={`Delete ${workspace.name}?`} onClose={onClose} size="sm">
      <div className="space-y-4">
        <p className="text-sm">Its channels and all their messages go with it. Its shared folder must be empty first.</p>
        {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate({ workspaceId: workspace.id })}>Delete workspace</Button>
        </div>
      </div>
    </Dialog>
  );
}
