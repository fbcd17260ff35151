import { formatBytes } from "@awan/backend/format-bytes";
import { ProgressBar } from "@awan/ui/progress-bar";

/** How full a mailbox is against the organization's quota; amber from 80 %, red from 95 % (delivery stops at 100 %). */
export function MailboxUsage({ name, usedBytes, quotaBytes }: { name: string; usedBytes: number; quotaBytes: number }) {
  const share = quotaBytes > 0 ? usedBytes / quotaBytes : 1;
  const text = `${formatBytes(usedBytes)} of ${formatBytes(quotaBytes)}`;
  return (
    <div className="w-40 space-y-1">
      <ProgressBar value={share} label={`Mail stored by ${name}`} valueText={text} tone={share >= 0.95 ? "danger" : share >= 0.8 ? "warning" : "brand"} />
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{text}</p>
    </div>
  );
}
