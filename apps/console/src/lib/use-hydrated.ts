"use client";

import { useEffect, useState } from "react";

/**
 * False until React runs in the browser. A form submitted before that would
 * be sent by the browser itself: its submit button waits for this, so that a
 * password can never end up in a URL.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
