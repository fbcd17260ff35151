const UNITS = ["bytes", "KB", "MB", "GB", "TB", "PB"];

/** 1536 → "1.5 KB" (powers of 1024, as file managers show sizes). */
export function formatBytes(value: bigint | number): string {
  let n = Math.max(0, Number(value));
  let unit = 0;
  while (n >= 1024 && unit < UNITS.length - 1) {
    n /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} ${n === 1 ? "byte" : "bytes"}` : `${n < 10 ? n.toFixed(1) : Math.round(n)} ${UNITS[unit]}`;
}
