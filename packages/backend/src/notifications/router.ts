import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { countUnread, listNotifications, markAllNotificationsRead, markNotificationsRead } from "./notification-list";
import { describeEmailDestination } from "./email-destination";
import { getNotificationPreferences, setNotificationPreferences } from "./notification-preferences";
import { ListNotificationsInput, MarkNotificationsReadInput, SetNotificationPreferencesInput } from "./schemas";

// Everyone, guests included, has their own notifications; every service confines itself to the caller's.
const own = orgProcedure("GUEST");

export const notificationsRouter = router({
  list: own.input(ListNotificationsInput).query(({ ctx, input }) => listNotifications(ctx, input.cursor ?? undefined)),
  unreadCount: own.query(({ ctx }) => countUnread(ctx)),
  markRead: own.input(MarkNotificationsReadInput).mutation(({ ctx, input }) => markNotificationsRead(ctx, input.ids)),
  markAllRead: own.mutation(({ ctx }) => markAllNotificationsRead(ctx)),
  preferences: own.query(({ ctx }) => getNotificationPreferences(ctx)),
  emailDestination: own.query(({ ctx }) => describeEmailDestination(ctx.db, ctx)),
  setPreferences: own.input(SetNotificationPreferencesInput).mutation(({ ctx, input }) => setNotificationPreferences(ctx, input.emailKinds)),
});
