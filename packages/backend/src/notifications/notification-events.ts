import { z } from "zod";
import { defineTopic } from "../events/topic";

/** Someone's notifications changed (new ones, or read in another tab): their bell reloads its count. */
export const notificationsChanged = defineTopic("notifications", z.object({ userId: z.uuid() }));
