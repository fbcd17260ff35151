const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.35],
  ["month", 12],
  ["year", Infinity],
];

/** "5 minutes ago", "yesterday": when something happened, as people say it. */
export function formatAgo(when: Date, now = new Date()): string {
  let amount = (when.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return unit === "second" ? "just now" : relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return exact.format(when);
}

export const formatExactly = (when: Date) => exact.format(when);
