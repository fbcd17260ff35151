"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { describeUserAgent } from "@/lib/user-agent";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function SessionList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
  const end = useMutation(trpc.account.endSession.mutationOptions({ onSettled: () => void refresh() }));
  const endOthers = useMutation(trpc.account.endOtherSessions.mutationOptions({ onSettled: () => void refresh() }));
  const error = end.error ?? endOthers.error;

  if (sessions.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>;
  if (sessions.error) return <Alert>{errorMessage(sessions.error)}</Alert>;
  const others = sessions.data.filter((s) => !s.current);
  return (
    <div className="space-y-4">
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      <ul aria-label="Sessions" className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {sessions.data.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
            <div>
              <p className="font-medium">
                {describeUserAgent(session.userAgent)}
                {session.current ? <span className="ml-2 text-xs font-normal text-emerald-700 dark:text-emerald-400">This browser</span> : null}
              </p>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {session.ipAddress ?? "unknown address"} · signed in {dateTime.format(session.createdAt)} · last active{" "}
                {dateTime.format(session.lastSeenAt)}
              </p>
            </div>
            {session.current ? null : (
              <Button
                variant="ghost"
                busy={end.isPending && end.variables?.sessionId === session.id}
                onClick={() => end.mutate({ sessionId: session.id })}
                aria-label={`Sign out ${describeUserAgent(session.userAgent)}, last active ${dateTime.format(session.lastSeenAt)}`}
              >
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <Button variant="secondary" busy={endOthers.isPending} onClick={() => endOthers.mutate()}>
          Sign out all other sessions
        </Button>
      ) : (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">You are signed in only here.</p>
      )}
    </div>
  );
}
