import { Upload, type DetailedError, type UploadOptions } from "tus-js-client";
import { SMALL_FILE_MAX_BYTES } from "@awan/backend/batch-limits";
import { BATCH_BYTES, BATCH_FILES, sendBatch } from "./batch-request";
import { describeUploadError, shouldRetryUpload, type UploadFailure } from "./upload-errors";
import { TransferRate } from "./transfer-rate";

export type ConflictPolicy = "FAIL" | "REPLACE" | "KEEP_BOTH";
export type ConflictChoice = "REPLACE" | "KEEP_BOTH" | "SKIP";
export type UploadStatus = "queued" | "uploading" | "paused" | "name-taken" | "done" | "failed" | "cancelled" | "skipped";

/** One file's upload as the screen shows it; a new object whenever it changes. */
export type UploadTask = Readonly<{
  id: string;
  name: string;
  /** Where it goes inside the upload, e.g. "Photos/2026/a.jpg". */
  path: string;
  folderId: string | null;
  size: number;
  status: UploadStatus;
  bytesSent: number;
  bytesPerSecond: number | null;
  failure: UploadFailure | null;
}>;

export type NewUpload = { file: File; folderId: string | null; path: string; onConflict?: ConflictPolicy };

type Entry = {
  task: UploadTask;
  file: File;
  onConflict: ConflictPolicy;
  upload: Upload | null;
  rate: TransferRate;
  /** Small and new: may go in a batch. A batch the server refused sends its files through tus, one by one, for their own answers. */
  batchable: boolean;
  batch: Batch | null;
};
type Batch = { abort(): void; stopped: boolean };

const MIB = 1024 * 1024;
// Big chunks: few requests for big files, and the server keeps whatever part of a chunk arrived.
const CHUNK_SIZE = 32 * MIB;
// Files this small go in the creating request itself: one round trip each, which a folder of many small files needs.
const SEND_WITH_CREATION_BELOW = 4 * MIB;
const RETRY_DELAYS = [0, 1_000, 3_000, 5_000, 10_000, 20_000];
const PROGRESS_REDRAW_MS = 150;
const FINISHED: ReadonlySet<UploadStatus> = new Set(["done", "cancelled", "skipped"]);

/**
 * The console's upload queue on tus-js-client: a few files at a time, each
 * resumable (after a reload too, through tus's fingerprints in localStorage),
 * with pause, resume, cancel and one answer to name clashes for them all.
 * Framework-free; React reads it through subscribe/getSnapshot.
 */
export class UploadQueue {
  private entries: Entry[] = [];
  private snapshot: readonly UploadTask[] = [];
  private listeners = new Set<() => void>();
  private redraw: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private conflictRule: ConflictChoice | null = null;
  private nextId = 1;

  constructor(private readonly options: { endpoint: string; batchEndpoint?: string; concurrency?: number; onUploaded?: (task: UploadTask) => void }) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  add(files: NewUpload[]): void {
    for (const { file, folderId, path, onConflict = "FAIL" } of files) {
      const task: UploadTask = { id: `u${this.nextId++}`, name: file.name, path, folderId, size: file.size, status: "queued", bytesSent: 0, bytesPerSecond: null, failure: null };
      const batchable = !!this.options.batchEndpoint && onConflict === "FAIL" && file.size > 0 && file.size <= SMALL_FILE_MAX_BYTES;
      this.entries.push({ task, file, onConflict, upload: null, rate: new TransferRate(), batchable, batch: null });
    }
    this.pump();
  }

  pause(id: string): void {
    const entry = this.find(id);
    if (!entry || (entry.task.status !== "uploading" && entry.task.status !== "queued")) return;
    if (entry.task.status === "uploading") void entry.upload?.abort(false);
    this.leaveBatch(entry);
    this.update(entry, { status: "paused" });
    this.pump();
  }

  resume(id: string): void {
    const entry = this.find(id);
    if (!entry || (entry.task.status !== "paused" && entry.task.status !== "failed")) return;
    this.update(entry, { status: "queued", failure: null });
    this.pump();
  }

  /** Stops the upload and has the server drop what it stored (tus termination). */
  cancel(id: string): void {
    const entry = this.find(id);
    if (!entry || FINISHED.has(entry.task.status)) return;
    // Terminating also forgets the fingerprint; one never started has nothing to terminate.
    if (entry.upload?.url) void entry.upload.abort(true).catch(() => undefined);
    else void entry.upload?.abort(false);
    this.leaveBatch(entry);
    this.update(entry, { status: "cancelled" });
    this.pump();
  }

  pauseAll = () => this.entries.forEach((e) => this.pause(e.task.id));
  resumeAll = () => this.entries.forEach((e) => this.resume(e.task.id));
  cancelAll = () => this.entries.forEach((e) => this.cancel(e.task.id));

  clearFinished(): void {
    this.entries = this.entries.filter((e) => !FINISHED.has(e.task.status));
    this.conflictRule = null;
    this.publish();
  }

  /** The answer to "a file of that name is there": for this file, or (applyToAll) for every clash of this batch. */
  resolveConflict(id: string, choice: ConflictChoice, applyToAll: boolean): void {
    if (applyToAll) this.conflictRule = choice;
    for (const entry of this.entries) {
      if (entry.task.status === "name-taken" && (applyToAll || entry.task.id === id)) this.applyChoice(entry, choice);
    }
    this.pump();
  }

  private applyChoice(entry: Entry, choice: ConflictChoice) {
    if (choice === "SKIP") return this.update(entry, { status: "skipped", failure: null });
    entry.onConflict = choice;
    entry.upload = null; // a new creation request, carrying the choice
    this.update(entry, { status: "queued", failure: null, bytesSent: 0 });
  }

  private pump(): void {
    const concurrency = this.options.concurrency ?? 4;
    let running = this.entries.filter((e) => e.task.status === "uploading").length;
    for (const entry of this.entries) {
      if (running >= concurrency) break;
      if (entry.task.status !== "queued") continue;
      running++;
      if (entry.batchable) this.startBatch(entry);
      else this.start(entry);
    }
    this.keepSpeedsFresh(running > 0);
    this.publish();
  }

  private start(entry: Entry): void {
    this.update(entry, { status: "uploading", failure: null });
    entry.rate.reset();
    const upload = entry.upload ?? (entry.upload = this.createUpload(entry));
    void upload.findPreviousUploads().then(
      (previous) => {
        if (entry.task.status !== "uploading" || entry.upload !== upload) return; // paused or cancelled meanwhile
        const latest = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
        if (latest && !upload.url) upload.resumeFromPreviousUpload(latest);
        upload.start();
      },
      (error: Error) => this.fail(entry, error),
    );
  }

  /** Sends `first` with the small files queued after it, as one request. */
  private startBatch(first: Entry): void {
    const group: Entry[] = [];
    let bytes = 0;
    for (const entry of this.entries) {
      if (entry.task.status !== "queued" || !entry.batchable) continue;
      if (group.length === BATCH_FILES || bytes + entry.task.size > BATCH_BYTES) break;
      if (group.length === 0 && entry !== first) continue;
      group.push(entry);
      bytes += entry.task.size;
    }
    const request = sendBatch(this.options.batchEndpoint!, group.map((e) => ({ file: e.file, folderId: e.task.folderId })), (sent) => {
      // Progress of the whole request, shared out over its files in order.
      let left = sent;
      for (const entry of group) {
        const mine = Math.min(entry.task.size, Math.max(0, left));
        left -= entry.task.size;
        entry.rate.record(mine);
        this.update(entry, { bytesSent: mine }, "later");
      }
    });
    const batch: Batch = { abort: request.abort, stopped: false };
    for (const entry of group) {
      entry.batch = batch;
      entry.rate.reset();
      this.update(entry, { status: "uploading", failure: null });
    }
    void request.done.then((outcome) => {
      for (const entry of group) {
        entry.batch = null;
        if (entry.task.status !== "uploading") continue; // paused or cancelled meanwhile
        if (outcome.ok) {
          this.update(entry, { status: "done", bytesSent: entry.task.size, bytesPerSecond: null });
          this.options.onUploaded?.(entry.task);
        } else {
          // Stopped for another file's pause: batch again. Refused (a name taken, the quota): each file on its own, for its own answer.
          if (!batch.stopped) entry.batchable = false;
          this.update(entry, { status: "queued", bytesSent: 0 });
        }
      }
      this.pump();
    });
  }

  /** A file paused or cancelled inside a batch stops the batch; the others go again. */
  private leaveBatch(entry: Entry): void {
    if (!entry.batch) return;
    entry.batch.stopped = true;
    entry.batch.abort();
    entry.batchable = false; // it resumes on its own
  }

  private createUpload(entry: Entry): Upload {
    const { file } = entry;
    const options: UploadOptions = {
      endpoint: this.options.endpoint,
      metadata: { name: file.name, folderId: entry.task.folderId ?? "", contentType: file.type, onConflict: entry.onConflict },
      chunkSize: CHUNK_SIZE,
      retryDelays: RETRY_DELAYS,
      uploadDataDuringCreation: file.size < SEND_WITH_CREATION_BELOW,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      fingerprint: (f, o) => Promise.resolve(uploadFingerprint(o.endpoint ?? "", o.metadata?.folderId ?? "", f)),
      onShouldRetry: (error: DetailedError) => shouldRetryUpload(error),
      onProgress: (sent) => {
        entry.rate.record(sent);
        this.update(entry, { bytesSent: sent }, "later");
      },
      onSuccess: () => {
        this.update(entry, { status: "done", bytesSent: entry.task.size, bytesPerSecond: null });
        this.options.onUploaded?.(entry.task);
        this.pump();
      },
      onError: (error) => this.fail(entry, error),
    };
    return new Upload(file, options);
  }

  private fail(entry: Entry, error: Error): void {
    if (entry.task.status !== "uploading") return; // a pause or cancel aborted it: not a failure
    const described = describeUploadError(error);
    // A clash after the person already answered one (a folder cannot be replaced by a file) is a refusal, not a new question.
    const failure: UploadFailure = described.kind === "name-taken" && entry.onConflict !== "FAIL" ? { ...described, kind: "refused" } : described;
    if (failure.kind === "name-taken" && this.conflictRule) this.applyChoice(entry, this.conflictRule);
    else this.update(entry, { status: failure.kind === "name-taken" ? "name-taken" : "failed", failure, bytesPerSecond: null });
    this.pump();
  }

  private find(id: string): Entry | undefined {
    return this.entries.find((e) => e.task.id === id);
  }

  /** Progress redraws are batched; status changes show at once. */
  private update(entry: Entry, change: Partial<UploadTask>, when: "now" | "later" = "now"): void {
    entry.task = { ...entry.task, ...change };
    if (when === "now") this.publish();
    else this.redraw ??= setTimeout(() => this.publish(), PROGRESS_REDRAW_MS);
  }

  /** Speeds change while no event comes (a stalled connection): redraw every second while anything moves. */
  private keepSpeedsFresh(active: boolean): void {
    if (active && !this.heartbeat) this.heartbeat = setInterval(() => this.publish(), 1_000);
    if (!active && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private publish(): void {
    if (this.redraw) clearTimeout(this.redraw);
    this.redraw = null;
    for (const entry of this.entries) {
      if (entry.task.status === "uploading") entry.task = { ...entry.task, bytesPerSecond: entry.rate.bytesPerSecond() };
    }
    this.snapshot = this.entries.map((e) => e.task);
    for (const listener of this.listeners) listener();
  }
}

/** Same file, same destination: the key tus stores an upload's address under, to resume it later. */
export function uploadFingerprint(endpoint: string, folderId: string, file: Pick<File, "name" | "size" | "lastModified">): string {
  return ["awan", endpoint, folderId, file.name, file.size, file.lastModified].join("|");
}
