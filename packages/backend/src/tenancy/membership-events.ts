import { z } from "zod";
import { defineTopic } from "../events/topic";

/**
 * Someone's place in the organization changed: removed, left, or given
 * another role. Their open tabs are cut off at once and reconnect as what
 * they are now (or not at all), rather than hearing the organization as
 * what they were until their next re-check.
 */
export const membershipChanged = defineTopic("membership", z.object({ userId: z.uuid() }));
