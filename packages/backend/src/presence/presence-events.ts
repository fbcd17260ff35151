import { z } from "zod";
import { defineTopic } from "../events/topic";

export const PresenceState = z.enum(["online", "away", "offline"]);
export type PresenceState = z.infer<typeof PresenceState>;

/** Someone's presence as everyone sees it; small enough to travel whole, so 500 tabs need not reload it. */
export const PersonPresence = z.object({
  userId: z.uuid(),
  state: PresenceState,
  statusEmoji: z.string().max(32),
  statusText: z.string().max(100),
});
export type PersonPresence = z.infer<typeof PersonPresence>;

/** Someone came online, went away or offline, or set a status. */
export const presenceChanged = defineTopic("presence", PersonPresence);
