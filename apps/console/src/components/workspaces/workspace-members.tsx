"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";

const CONTROL = "min-w-0 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
type Role = "ADMIN" | "MEMBER" | "GUEST";
const ROLE_WORDS: Record<Role, string> = { ADMIN: "Admin", MEMBER: "Member", GUEST: "Guest" };

/** A workspace's people with their roles; its administrators add people, change roles and remove people here. */
export function WorkspaceMembers({ workspaceId, workspaceName, canManage, viewerId }: { workspaceId: string; workspaceName: string; canManage: boolean; viewerId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.workspaces.members.queryOptions({ workspaceId }));
  const candidates = useQuery({ ...trpc.workspaces.memberCandidates.queryOptions({ workspaceId }), enabled: canManage });
  const [chosen, setChosen] = useState("");
  const [role, setRole] = useState<Role>("MEMBER");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.workspaces.pathKey() });
  const add = useMutation(trpc.workspaces.addMembers.mutationOptions({ onSuccess: () => setChosen(""), onSettled: refresh }));
  const change = useMutation(trpc.workspaces.changeRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.workspaces.removeMember.mutationOptions({ onSettled: refresh }));
  const error = add.error ?? change.error ?? remove.error ?? members.error ?? candidates.error;
  const chosenIsGuest = candidates.data?.find((c) => c.id === chosen)?.isGuest ?? false;

  return (
    <section aria-labelledby="workspace-people-heading" className="space-y-3">
      <h3 id="workspace-people-heading" className="text-sm font-semibold">People in {workspaceName}</h3>
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      {canManage ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) add.mutate({ workspaceId, userIds: [chosen], role: chosenIsGuest ? "GUEST" : role });
          }}
          className="flex flex-wrap items-center gap-2"
        >
          <select aria-label="Person to add" value={chosen} onChange={(e) => setChosen(e.target.value)} className={`${CONTROL} flex-1`}>
            <option value="">{candidates.data && candidates.data.length === 0 ? "Everyone is already in it" : "Choose someone to add…"}</option>
            {(candidates.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.email}){p.isGuest ? " · guest" : ""}
              </option>
            ))}
          </select>
          <select aria-label="Role in the workspace" value={chosenIsGuest ? "GUEST" : role} disabled={chosenIsGuest} onChange={(e) => setRole(e.target.value as Role)} className={CONTROL}>
            {(["MEMBER", "ADMIN", "GUEST"] as const).map((r) => (
              <option key={r} value={r}>{ROLE_WORDS[r]}</option>
            ))}
          </select>
          <Button type="submit" variant="secondary" busy={add.isPending} disabled={!chosen}>Add to workspace</Button>
        </form>
      ) : null}
      {members.isPending ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
      ) : members.data && members.data.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Nobody is in this workspace yet.</p>
      ) : (
        <ul aria-label={`People in ${workspaceName}`} className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {members.data?.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <span className="min-w-0 truncate">
                <span className="font-medium">{m.name}</span> <span className="text-zinc-500 dark:text-zinc-400">{m.email}</span>
                {m.id === viewerId ? <span className="text-zinc-500 dark:text-zinc-400"> (you)</span> : null}
              </span>
              <span className="flex items-center gap-2">
                {canManage ? (
                  <select
                    aria-label={`Role of ${m.name}`}
                    value={m.role}
                    onChange={(e) => change.mutate({ workspaceId, userId: m.id, role: e.target.value as Role })}
                    className={CONTROL}
                  >
                    {(["ADMIN", "MEMBER", "GUEST"] as const).map((r) => (
                      <option key={r} value={r} disabled={m.organizationRole === "GUEST" && r !== "GUEST"}>{ROLE_WORDS[r]}</option>
                    ))}
                  </select>
                ) : (
                  <span className="text-zinc-600 dark:text-zinc-400">{ROLE_WORDS[m.role]}</span>
                )}
                {canManage && m.id !== viewerId ? (
                  <Button variant="ghost" aria-label={`Remove ${m.name} from ${workspaceName}`} busy={remove.isPending && remove.variables?.userId === m.id} onClick={() => remove.mutate({ workspaceId, userId: m.id })}>
                    Remove
                  </Button>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
