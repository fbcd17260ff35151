import { NotificationKind } from "@awan/db";
import { z } from "zod";

export const NotificationId = z.uuid({ error: "This notification does not exist any more." });

/** Where a page of notifications starts: after the last one of the page before. */
export const NotificationCursor = z.object({ createdAt: z.date(), id: NotificationId });

export const ListNotificationsInput = z.object({ cursor: NotificationCursor.nullish() });
export const MarkNotificationsReadInput = z.object({
  ids: z.array(NotificationId).min(1, { error: "Choose a notification to mark as read." }).max(100, { error: "Mark at most 100 notifications at a time." }),
});
export const SetNotificationPreferencesInput = z.object({
  emailKinds: z.array(z.enum(NotificationKind)).max(Object.keys(NotificationKind).length),
});
