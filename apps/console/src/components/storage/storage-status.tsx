"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Card } from "@awan/ui/card";
import { useMutation, useQuery } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/lib/trpc";

type Status = RouterOutputs["storage"]["status"];

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const STATE_STYLE = {
  healthy: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  degraded: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  down: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
} as const;

function bytes(n: number | null): string {
  if (n === null) return "unknown";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** Admin → Storage: every node's health, space and copies, and the last scrub; refreshed every 10 s. */
export function StorageStatus({ initial }: { initial: Status }) {
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.storage.status.queryOptions(), initialData: initial, refetchInterval: 10_000 });
  const scrub = useMutation(trpc.storage.scrub.mutationOptions({ onSettled: () => void status.refetch() }));
  const data = status.data;
  const last = data.lastScrub;

  return (
    <div className="space-y-6">
      <Card
        title="Nodes"
        description={`Each chunk is kept on ${data.replicas} node${data.replicas === 1 ? "" : "s"}; a write is acknowledged once ${data.writeQuorum === "all" ? "all of them have" : `${data.writeQuorum} of them have`} it on disk.`}
      >
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-zinc-500 dark:text-zinc-400">
              <tr>
                {["Node", "Status", "Latency", "Errors", "Disk used / free", "Chunks", "Missing"].map((h) => (
                  <th key={h} scope="col" className="py-2 pr-4 font-medium">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {data.nodes.map((node) => (
                <tr key={node.nodeId}>
                  <td className="py-2 pr-4">
                    <span className="font-medium">{node.nodeId}</span>
                    <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{node.location}</span>
                  </td>
                  <td className="py-2 pr-4">
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_STYLE[node.state]}`}>{node.state}</span>
                    <span className="block text-xs text-zinc-500 dark:text-zinc-400">since {dateTime.format(node.stateSince)}</span>
                  </td>
                  <td className="py-2 pr-4">{node.latencyMs === null ? "no traffic yet" : `${node.latencyMs.toFixed(1)} ms`}</td>
                  <td className="py-2 pr-4">
                    {node.errors} ({Math.round(node.errorRate * 100)}%)
                    {node.lastError ? <span className="block max-w-56 truncate text-xs text-red-700 dark:text-red-400" title={node.lastError}>{node.lastError}</span> : null}
                  </td>
                  <td className="py-2 pr-4">{bytes(node.usedBytes)} / {bytes(node.freeBytes)}</td>
                  <td className="py-2 pr-4">{node.chunks}</td>
                  <td className="py-2 pr-4">{node.missing}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-4 text-sm">
          {data.chunks} chunks stored; <strong>{data.underReplicated}</strong> short of a full set of copies
          {data.underReplicated > 0 ? " (a scrub copies them once their nodes answer)" : ""}.
        </p>
      </Card>

      <Card title="Scrub" description="Reads every copy of every chunk, checks it, and rewrites bad or missing copies from a good one.">
        {last ? (
          <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
            <dt className="text-zinc-500 dark:text-zinc-400">Last run</dt>
            <dd className="sm:col-span-2">{dateTime.format(last.startedAt)}{last.finishedAt ? "" : " (running)"}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">Copies checked</dt>
            <dd className="sm:col-span-2">{last.replicasChecked}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">Repaired</dt>
            <dd className="sm:col-span-2">{last.corruptRepaired} damaged, {last.missingRestored} missing</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">Without a good copy</dt>
            <dd className="sm:col-span-2">{last.unrepairable}</dd>
            {last.error ? (
              <>
                <dt className="text-zinc-500 dark:text-zinc-400">Stopped by</dt>
                <dd className="text-red-700 sm:col-span-2 dark:text-red-400">{last.error}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No scrub has run yet.</p>
        )}
        <div className="mt-4 space-y-3">
          <Button variant="secondary" busy={scrub.isPending} onClick={() => scrub.mutate()}>Scrub now</Button>
          {scrub.error ? <Alert>{errorMessage(scrub.error)}</Alert> : null}
          {scrub.data ? (
            <Alert tone="success">
              Checked {scrub.data.replicasChecked} copies; repaired {scrub.data.corruptRepaired + scrub.data.missingRestored}
              {scrub.data.unreachable ? `; ${scrub.data.unreachable} on nodes that did not answer` : ""}
              {scrub.data.unreferencedBlobs ? `; deleted ${scrub.data.unreferencedBlobs} stored contents nothing used any more` : ""}.
            </Alert>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
