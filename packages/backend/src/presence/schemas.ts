import { z } from "zod";
import { ChannelId } from "../chat/schemas";

/** Milliseconds since the tab was last used (capped at a day). */
export const ReportActivityInput = z.object({ idleMs: z.number().int().min(0).max(86_400_000) });

export const SetStatusInput = z.object({
  emoji: z.string().max(32, { error: "A status emoji is a single emoji." }).refine((s) => !/[\s\u0000-\u001f\u007f]/.test(s), {
    error: "A status emoji is a single emoji.",
  }),
  text: z
    .string()
    .trim()
    .max(100, { error: "That status is too long: at most 100 characters." })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: "Remove the control characters (line breaks, tabs)." }),
});

export const TypingInput = z.object({ channelId: ChannelId });
