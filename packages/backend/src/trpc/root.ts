import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { activityRouter } from "../activity/router";
import { accountRouter } from "../auth/account-router";
import { chatRouter } from "../chat/router";
import { chatSearchRouter } from "../chat/search-router";
import { appPasswordsRouter } from "../auth/app-passwords-router";
import { authRouter } from "../auth/router";
import { filesRouter, fileSettingsRouter } from "../files/router";
import { linksRouter } from "../sharing/links/router";
import { liveRouter } from "../live/router";
import { mailAdminRouter } from "../mail/admin-router";
import { mailRouter } from "../mail/router";
import { messageViewRouter } from "../mail/message-view-router";
import { mailOutboxRouter } from "../mail/outbox-router";
import { presenceRouter } from "../presence/router";
import { notificationsRouter } from "../notifications/router";
import { sharingRouter } from "../sharing/router";
import { storageRouter } from "../storage/router";
import { groupsRouter } from "../tenancy/groups-router";
import { invitationRouter, memberRouter, organizationRouter } from "../tenancy/router";
import { workspacesRouter } from "../workspaces/router";
import { createCallerFactory, router } from "./init";

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  appPasswords: appPasswordsRouter,
  organization: organizationRouter,
  member: memberRouter,
  invitation: invitationRouter,
  storage: storageRouter,
  files: filesRouter,
  fileSettings: fileSettingsRouter,
  links: linksRouter,
  activity: activityRouter,
  groups: groupsRouter,
  sharing: sharingRouter,
  chat: chatRouter,
  chatSearch: chatSearchRouter,
  live: liveRouter,
  presence: presenceRouter,
  notifications: notificationsRouter,
  mailAdmin: mailAdminRouter,
  mail: mailRouter,
  mailView: messageViewRouter,
  mailOutbox: mailOutboxRouter,
  workspaces: workspacesRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
