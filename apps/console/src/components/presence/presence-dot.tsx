import type { PersonPresence } from "@/lib/live/presence-hooks";

const COLOR = { online: "bg-green-500", away: "bg-amber-400", offline: "border border-zinc-400 bg-transparent" } as const;
const LABEL = { online: "online", away: "away", offline: "offline" } as const;

/** A coloured dot with its state in words for screen readers (and a tooltip). */
export function PresenceDot({ presence }: { presence: PersonPresence | undefined }) {
  const state = presence?.state ?? "offline";
  return <span role="img" aria-label={LABEL[state]} title={LABEL[state]} className={`inline-block size-2.5 shrink-0 rounded-full ${COLOR[state]}`} />;
}
