// Speed over a sliding window: recent enough to follow a connection that
// slows down, long enough not to jump with every progress event.
const WINDOW_MS = 5_000;

/** Bytes moved over time, as progress events report them. */
export class TransferRate {
  private samples: { at: number; bytes: number }[] = [];

  /** `bytes`: the total moved so far (not the increment). */
  record(bytes: number, at = Date.now()): void {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && this.samples[0]!.at < at - WINDOW_MS) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
  }

  /** Null until there is a second's worth of samples to go on. */
  bytesPerSecond(now = Date.now()): number | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < 1_000) return null;
    // A transfer that stalled has no speed worth showing.
    if (now - last.at > WINDOW_MS) return 0;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }
}

/** Seconds until `remainingBytes` are through at `bytesPerSecond`; null when that cannot be told. */
export function secondsLeft(remainingBytes: number, bytesPerSecond: number | null): number | null {
  if (bytesPerSecond === null || bytesPerSecond <= 0) return null;
  return Math.ceil(remainingBytes / bytesPerSecond);
}

/** 42 → "42 s left", 150 → "3 min left", 7300 → "2 h 2 min left". */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null) return "";
  if (seconds < 60) return `${Math.max(1, seconds)} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}
