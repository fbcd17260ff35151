"use client";

import { useCallback, useMemo, useRef, useState } from "react";

export type SelectGesture = { toggle?: boolean; range?: boolean };

/**
 * Which of the listed items are selected, the way file managers do it:
 * a click selects one, Ctrl/Cmd toggles, Shift selects the range from the
 * last item clicked. Ids that leave the list leave the selection.
 */
export function useSelection(ids: readonly string[]) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  const selected = useMemo(() => new Set(ids.filter((id) => chosen.has(id))), [ids, chosen]);

  const select = useCallback(
    (id: string, { toggle = false, range = false }: SelectGesture = {}) => {
      setChosen((current) => {
        const from = anchor.current ? ids.indexOf(anchor.current) : -1;
        if (range && from >= 0) {
          const to = ids.indexOf(id);
          const [start, end] = from < to ? [from, to] : [to, from];
          const next = toggle ? new Set(current) : new Set<string>();
          for (const each of ids.slice(start, end + 1)) next.add(each);
          return next;
        }
        anchor.current = id;
        if (!toggle) return new Set([id]);
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
    },
    [ids],
  );

  const selectAll = useCallback(() => setChosen(new Set(ids)), [ids]);
  const clear = useCallback(() => {
    anchor.current = null;
    setChosen(new Set());
  }, []);

  return { selected, select, selectAll, clear };
}
