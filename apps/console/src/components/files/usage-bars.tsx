"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { ProgressBar } from "@awan/ui/progress-bar";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc";

/** Your quota and, when it has one, the organization's: nearly full turns amber, full turns red. */
export function UsageBars() {
  const trpc = useTRPC();
  const usage = useQuery(trpc.files.usage.queryOptions());
  if (!usage.data) return null;
  const { drive, organization } = usage.data;
  return (
    <div className="space-y-3" aria-label="Storage used">
      <UsageBar label="Your files" used={drive.usedBytes} quota={drive.quotaBytes} />
      {organization.quotaBytes !== null ? <UsageBar label="Organization" used={organization.usedBytes} quota={organization.quotaBytes} /> : null}
    </div>
  );
}

function UsageBar({ label, used, quota }: { label: string; used: number; quota: number | null }) {
  const text = quota === null ? `${formatBytes(used)} used` : `${formatBytes(used)} of ${formatBytes(quota)} used`;
  const share = quota ? used / quota : null;
  return (
    <div className="min-w-48 space-y-1">
      <p className="flex justify-between gap-3 text-xs text-zinc-600 dark:text-zinc-400">
        <span>{label}</span>
        <span>{text}</span>
      </p>
      {quota !== null ? <ProgressBar value={share} label={`${label}: storage used`} valueText={text} tone={share !== null && share >= 1 ? "danger" : share !== null && share > 0.9 ? "warning" : "brand"} /> : null}
    </div>
  );
}
