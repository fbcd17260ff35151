"use client";

import { useEffect, useRef, type RefObject } from "react";

/**
 * After "Load more", moves keyboard focus to the first item it appended to
 * `list` (whose children need tabIndex={-1}): the button is disabled while
 * loading and gone after the last page, which would drop focus to the top of
 * the page. Returns what the button calls before loading.
 */
export function useFocusAppended(list: RefObject<HTMLElement | null>, count: number) {
  const from = useRef<number | null>(null);
  useEffect(() => {
    if (from.current === null || count <= from.current) return;
    const first = list.current?.children[from.current];
    if (first instanceof HTMLElement) first.focus();
    from.current = null;
  }, [list, count]);
  return () => {
    from.current = count;
  };
}
