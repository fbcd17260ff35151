"use client";

import { Button } from "@awan/ui/button";
import { useState } from "react";

/**
 * Copies `text`. The clipboard API exists only on https and localhost; on a
 * plain-http address (a LAN IP) the user is told to copy by hand instead.
 */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");
  return (
    <Button
      variant="secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setState("copied");
        } catch {
          setState("manual");
        }
        setTimeout(() => setState("idle"), 3000);
      }}
    >
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "manual" ? "Select it and press Ctrl+C" : label}</span>
    </Button>
  );
}
