type ProgressBarProps = {
  /** 0 to 1; null while the amount is unknown. */
  value: number | null;
  label: string;
  /** Read out instead of the bare percentage, e.g. "3.1 MB of 50 MB". */
  valueText?: string;
  tone?: "brand" | "warning" | "danger";
};

const FILLS = { brand: "bg-brand-600 dark:bg-brand-400", warning: "bg-amber-500", danger: "bg-red-600" } as const;

export function ProgressBar({ value, label, valueText, tone = "brand" }: ProgressBarProps) {
  const percent = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={valueText}
      className="h-2 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
    >
      <div
        className={`h-full rounded-full transition-[width] duration-300 ${FILLS[tone]} ${percent === null ? "w-1/3 animate-pulse" : ""}`}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
