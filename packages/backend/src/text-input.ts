import { z } from "zod";

/** A one-line name a person types: trimmed, not empty, bounded, no control characters. */
export function singleLineText(what: string, maxLength: number) {
  return z
    .string()
    .trim()
    .min(1, { error: `Enter ${what}.` })
    .max(maxLength, { error: `That is too long: at most ${maxLength} characters.` })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: "Remove the control characters (line breaks, tabs)." });
}
