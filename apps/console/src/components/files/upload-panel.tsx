"use client";

import { formatBytes } from "@awan/backend/format-bytes";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { ProgressBar } from "@awan/ui/progress-bar";
import { useUploads } from "@/lib/uploads/upload-provider";
import { formatTimeLeft, secondsLeft } from "@/lib/uploads/transfer-rate";
import type { UploadTask } from "@/lib/uploads/upload-queue";
import { UnfinishedUploads } from "./unfinished-uploads";

const STATUS_TEXT: Record<UploadTask["status"], string> = {
  queued: "Waiting",
  uploading: "Uploading",
  paused: "Paused",
  "name-taken": "Name already used",
  done: "Uploaded",
  failed: "Failed",
  cancelled: "Cancelled",
  skipped: "Skipped",
};

const speed = (bytesPerSecond: number | null) => (bytesPerSecond ? `${formatBytes(bytesPerSecond)}/s` : "");

/** The uploads of this visit: one total bar, then each file with its own bar and controls. */
export function UploadPanel({ folderId }: { folderId: string | null }) {
  const { queue, tasks, folderError } = useUploads();
  const quotaRefusal = tasks.find((t) => t.failure?.kind === "quota");
  const has = (...statuses: UploadTask["status"][]) => tasks.some((t) => statuses.includes(t.status));
  return (
    <div className="space-y-3">
      <UnfinishedUploads folderId={folderId} />
      {folderError ? <Alert>{folderError}</Alert> : null}
      {quotaRefusal ? <Alert>Not uploaded: {quotaRefusal.failure!.message}</Alert> : null}
      {tasks.length > 0 ? (
        <section aria-label="Uploads" className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <UploadTotals tasks={tasks} />
          <div className="mt-3 flex flex-wrap gap-2">
            {has("uploading", "queued") ? <Button variant="secondary" onClick={queue.pauseAll}>Pause all</Button> : null}
            {has("paused") ? <Button variant="secondary" onClick={queue.resumeAll}>Resume all</Button> : null}
            {has("uploading", "queued", "paused") ? <Button variant="ghost" onClick={queue.cancelAll}>Cancel all</Button> : null}
            {has("done", "cancelled", "skipped") ? <Button variant="ghost" onClick={() => queue.clearFinished()}>Clear finished</Button> : null}
          </div>
          <ul className="mt-3 max-h-72 divide-y divide-zinc-100 overflow-y-auto dark:divide-zinc-800">
            {tasks.map((task) => (
              <UploadRow key={task.id} task={task} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function UploadTotals({ tasks }: { tasks: readonly UploadTask[] }) {
  const counted = tasks.filter((t) => t.status !== "cancelled" && t.status !== "skipped");
  const total = counted.reduce((n, t) => n + t.size, 0);
  const sent = counted.reduce((n, t) => n + (t.status === "done" ? t.size : t.bytesSent), 0);
  const done = counted.filter((t) => t.status === "done").length;
  const moving = tasks.filter((t) => t.status === "uploading");
  const rate = moving.length > 0 ? moving.reduce((n, t) => n + (t.bytesPerSecond ?? 0), 0) || null : null;
  const left = moving.length > 0 ? formatTimeLeft(secondsLeft(total - sent, rate)) : "";
  const summary = `${done} of ${counted.length} files, ${formatBytes(sent)} of ${formatBytes(total)}`;
  return (
    <div className="space-y-1.5">
      <p className="flex flex-wrap justify-between gap-2 text-sm">
        <span className="font-medium" aria-live="polite">{done === counted.length && counted.length > 0 ? `All ${counted.length} uploaded` : summary}</span>
        <span className="text-zinc-500 dark:text-zinc-400">{[speed(rate), left].filter(Boolean).join(" · ")}</span>
      </p>
      <ProgressBar value={total === 0 ? (done === counted.length ? 1 : 0) : sent / total} label="All uploads" valueText={summary} />
    </div>
  );
}

function UploadRow({ task }: { task: UploadTask }) {
  const { queue } = useUploads();
  const active = task.status === "uploading" || task.status === "queued";
  const canResume = task.status === "paused" || (task.status === "failed" && task.failure?.kind === "connection");
  const finished = task.status === "done" || task.status === "cancelled" || task.status === "skipped";
  const detail =
    task.status === "uploading"
      ? [`${formatBytes(task.bytesSent)} of ${formatBytes(task.size)}`, speed(task.bytesPerSecond), formatTimeLeft(secondsLeft(task.size - task.bytesSent, task.bytesPerSecond))]
      : [STATUS_TEXT[task.status], formatBytes(task.size)];
  return (
    <li className="py-2" aria-label={`Upload of ${task.path}`}>
      <div className="flex items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium" title={task.path}>{task.path}</p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{detail.filter(Boolean).join(" · ")}</p>
        </div>
        <div className="flex shrink-0 gap-1">
          {active ? <Button variant="ghost" className="px-2 py-1" aria-label={`Pause ${task.name}`} onClick={() => queue.pause(task.id)}>Pause</Button> : null}
          {canResume ? <Button variant="ghost" className="px-2 py-1" aria-label={`Resume ${task.name}`} onClick={() => queue.resume(task.id)}>Resume</Button> : null}
          {!finished ? <Button variant="ghost" className="px-2 py-1" aria-label={`Cancel ${task.name}`} onClick={() => queue.cancel(task.id)}>Cancel</Button> : null}
        </div>
      </div>
      {!finished || task.status === "done" ? (
        <div className="mt-1.5">
          <ProgressBar value={task.size === 0 ? (task.status === "done" ? 1 : 0) : task.bytesSent / task.size} label={`Upload of ${task.name}`} tone={task.status === "failed" ? "danger" : "brand"} />
        </div>
      ) : null}
      {task.failure && task.status === "failed" ? <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">{task.failure.message}</p> : null}
    </li>
  );
}
