"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Card } from "@awan/ui/card";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { assignableRoles, canManage, ROLE_LABELS, type RoleName } from "./roles";

const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function MemberList({ viewerId, viewerRole }: { viewerId: string; viewerRole: RoleName }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const members = useQuery(trpc.member.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey() });
  const changeRole = useMutation(trpc.member.changeRole.mutationOptions({ onSettled: () => void refresh() }));
  const remove = useMutation(
    trpc.member.remove.mutationOptions({ onSettled: () => { setConfirming(null); void refresh(); } }),
  );
  const error = changeRole.error ?? remove.error;

  return (
    <Card title="Members" description={members.data ? `${members.data.length} ${members.data.length === 1 ? "person" : "people"}` : undefined}>
      {error ? <div className="mb-4"><Alert>{errorMessage(error)}</Alert></div> : null}
      {members.isPending ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
      ) : members.error ? (
        <Alert>{errorMessage(members.error)}</Alert>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-zinc-500 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                <th scope="col" className="py-2 pr-4 font-medium">Email</th>
                <th scope="col" className="py-2 pr-4 font-medium">Role</th>
                <th scope="col" className="py-2 pr-4 font-medium">Joined</th>
                <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {members.data.map((member) => {
                const manageable = member.id !== viewerId && canManage(viewerRole, member.role);
                return (
                  <tr key={member.membershipId}>
                    <td className="py-2 pr-4 font-medium">{member.name}{member.id === viewerId ? " (you)" : ""}</td>
                    <td className="py-2 pr-4 text-zinc-600 dark:text-zinc-400">{member.email}</td>
                    <td className="py-2 pr-4">
                      {manageable ? (
                        <select
                          aria-label={`Role of ${member.name}`}
                          value={member.role}
                          disabled={changeRole.isPending}
                          onChange={(e) => changeRole.mutate({ membershipId: member.membershipId, role: e.target.value as RoleName })}
                          className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
                        >
                          {assignableRoles(viewerRole).map((role) => (
                            <option key={role} value={role}>{ROLE_LABELS[role]}</option>
                          ))}
                        </select>
                      ) : (
                        ROLE_LABELS[member.role]
                      )}
                    </td>
                    <td className="py-2 pr-4 text-zinc-600 dark:text-zinc-400">{date.format(member.joinedAt)}</td>
                    <td className="py-2 text-right">
                      {manageable ? (
                        confirming === member.membershipId ? (
                          <span className="inline-flex gap-1">
                            <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate({ membershipId: member.membershipId })}>
                              Remove {member.name}
                            </Button>
                            <Button variant="ghost" onClick={() => setConfirming(null)}>Cancel</Button>
                          </span>
                        ) : (
                          <Button variant="ghost" aria-label={`Remove ${member.name}`} onClick={() => setConfirming(member.membershipId)}>
                            Remove
                          </Button>
                        )
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
