import type { NotificationKind } from "@awan/db";
import type { NotificationScope } from "./notification-scope";

/** The kinds the actor also wants by e-mail (none until they choose). */
export async function getNotificationPreferences({ tx, actor }: NotificationScope): Promise<{ emailKinds: NotificationKind[] }> {
  const found = await tx.notificationPreference.findUnique({
    where: { organizationId_userId: { organizationId: actor.organizationId, userId: actor.userId } },
    select: { emailKinds: true },
  });
  return { emailKinds: found?.emailKinds ?? [] };
}

export async function setNotificationPreferences({ tx, actor }: NotificationScope, emailKinds: NotificationKind[]): Promise<{ emailKinds: NotificationKind[] }> {
  const kinds = [...new Set(emailKinds)];
  const saved = await tx.notificationPreference.upsert({
    where: { organizationId_userId: { organizationId: actor.organizationId, userId: actor.userId } },
    create: { organizationId: actor.organizationId, userId: actor.userId, emailKinds: kinds },
    update: { emailKinds: kinds },
    select: { emailKinds: true },
  });
  return { emailKinds: saved.emailKinds };
}
