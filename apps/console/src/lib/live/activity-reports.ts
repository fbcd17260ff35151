"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useTRPC } from "@/lib/trpc";

/** At most one "still in use" report per this interval while someone works. */
const REPORT_EVERY_MS = 60_000;
/** Matches the server's AWAY_AFTER_MS: then the tab reports how long it has been idle. */
const IDLE_AFTER_MS = 5 * 60_000;

/**
 * Tells the server when this tab is used (keys, pointer, focus), so others see
 * the person online, and when it has been idle long enough to be away.
 * Returns a function that reports now (e.g. when the server thinks we left).
 */
export function useActivityReports(): () => void {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.presence.reportActivity.mutationOptions());
  const lastUse = useRef(Date.now());
  const lastReport = useRef(0);
  const reportNow = useCallback(() => {
    lastReport.current = Date.now();
    mutate({ idleMs: Math.min(Date.now() - lastUse.current, 86_400_000) });
  }, [mutate]);

  useEffect(() => {
    let idleTimer = setTimeout(reportNow, IDLE_AFTER_MS);
    const used = () => {
      const wasIdle = Date.now() - lastUse.current >= IDLE_AFTER_MS;
      lastUse.current = Date.now();
      clearTimeout(idleTimer);
      idleTimer = setTimeout(reportNow, IDLE_AFTER_MS);
      if (wasIdle || Date.now() - lastReport.current >= REPORT_EVERY_MS) reportNow();
    };
    const events = ["keydown", "pointerdown", "pointermove", "focus"] as const;
    for (const name of events) window.addEventListener(name, used, { passive: true });
    return () => {
      clearTimeout(idleTimer);
      for (const name of events) window.removeEventListener(name, used);
    };
  }, [reportNow]);

  return reportNow;
}
