// Every tRPC procedure, called by a member of organization A with organization
// B's ids, is refused (FORBIDDEN or NOT_FOUND) and changes nothing of B's.
// A new procedure fails the first test until it has a case here.
import { createDatabase, type Database } from "@awan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newFilesOwner, useTransferServer } from "../files/testing/files-fixture";
import { addMember, anonymousCaller } from "../testing/fixtures";
import { chatMessageChanged, chatTyping } from "../chat/chat-events";
import { publishEvent } from "../events/publish-event";
import { notificationsChanged } from "../notifications/notification-events";
import { presenceChanged } from "../presence/presence-events";
import { appRouter } from "./root";

const transfer = useTransferServer();

type Caller = Awaited<ReturnType<typeof newFilesOwner>>["caller"];
type World = {
  a: { caller: Caller; organizationId: string; userId: string; fileId: string; groupId: string; channelId: string; workspaceId: string };
  b: {
    organizationId: string;
    ownerEmail: string;
    ownerSessionId: string;
    ownerMembershipId: string;
    memberMembershipId: string;
    invitationId: string;
    folderId: string;
    fileId: string;
    /** An older version of fileId. */
    versionId: string;
    trashedId: string;
    fileName: string;
    appPasswordId: string;
    memberUserId: string;
    groupId: string;
    /** B's folder shared with B's member and group. */
    shareId: string;
    /** A public link to B's file. */
    linkId: string;
    /** B's #general, a message in it, and a private channel. */
    channelId: string;
    messageId: string;
    privateChannelId: string;
    /** The notification B's member got when the folder was shared with them. */
    notificationId: string;
    /** A workspace of B's (open to B's members) and its shared folder. */
    workspaceId: string;
    workspaceFolderId: string;
    /** B's own mail domain (and its name), B's owner's mailbox with an alias there, and a shared mailbox B's member reads. */
    mailDomainId: string;
    mailDomainName: string;
    mailboxId: string;
    mailAddressId: string;
    sharedMailboxId: string;
    /** A message of B's owner waiting in the outbound queue. */
    outboundId: string;
    /** B's owner's copy of that message in Sent, its folder, a draft and the draft's file. */
    mailMessageId: string;
    mailFolderId: string;
    mailDraftId: string;
    mailDraftAttachmentId: string;
  };
};
type Case = (world: World) => Promise<void>;

async function expectRefused(call: Promise<unknown>) {
  await expect(call).rejects.toMatchObject({ code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) });
}

/** Ids (and the owner's address) of B that must never appear in anything A is shown. */
function expectNoneOf(world: World, value: unknown) {
  const text = JSON.stringify(value);
  for (const id of Object.values(world.b)) expect(text).not.toContain(id);
}

const CASES: Record<string, Case> = {
  // Procedures that take an id: B's id is refused.
  "organization.switch": ({ a, b }) => expectRefused(a.caller.organization.switch({ organizationId: b.organizationId })),
  "member.changeRole": ({ a, b }) => expectRefused(a.caller.member.changeRole({ membershipId: b.memberMembershipId, role: "GUEST" })),
  "member.remove": ({ a, b }) => expectRefused(a.caller.member.remove({ membershipId: b.ownerMembershipId })),
  "invitation.revoke": ({ a, b }) => expectRefused(a.caller.invitation.revoke({ invitationId: b.invitationId })),
  "account.endSession": ({ a, b }) => expectRefused(a.caller.account.endSession({ sessionId: b.ownerSessionId })),
  "appPasswords.revoke": ({ a, b }) => expectRefused(a.caller.appPasswords.revoke({ id: b.appPasswordId })),

  // Files: B's folder, file, version and trashed item are refused, as are A's items sent into B's folder.
  "files.list": async (w) => {
    await expectRefused(w.a.caller.files.list({ folderId: w.b.folderId }));
    expectNoneOf(w, await w.a.caller.files.list({ folderId: null }));
  },
  "files.createFolder": ({ a, b }) => expectRefused(a.caller.files.createFolder({ parentId: b.folderId, name: "planted" })),
  "files.ensureFolders": ({ a, b }) => expectRefused(a.caller.files.ensureFolders({ parentId: b.folderId, paths: [["planted"]] })),
  "files.rename": ({ a, b }) => expectRefused(a.caller.files.rename({ itemId: b.fileId, name: "renamed.txt" })),
  "files.move": async ({ a, b }) => {
    await expectRefused(a.caller.files.move({ itemIds: [b.fileId], folderId: null }));
    await expectRefused(a.caller.files.move({ itemIds: [a.fileId], folderId: b.folderId }));
  },
  "files.copy": async ({ a, b }) => {
    await expectRefused(a.caller.files.copy({ itemIds: [b.fileId], folderId: null }));
    await expectRefused(a.caller.files.copy({ itemIds: [a.fileId], folderId: b.folderId }));
  },
  "files.trash": ({ a, b }) => expectRefused(a.caller.files.trash({ itemIds: [b.fileId, b.folderId] })),
  "files.restore": async ({ a, b }) => {
    await expectRefused(a.caller.files.restore({ itemId: b.trashedId }));
    await expectRefused(a.caller.files.restore({ itemId: b.trashedId, folderId: null }));
  },
  "files.deleteForever": ({ a, b }) => expectRefused(a.caller.files.deleteForever({ itemIds: [b.trashedId] })),
  "files.versions": ({ a, b }) => expectRefused(a.caller.files.versions({ fileId: b.fileId })),
  "files.restoreVersion": async ({ a, b }) => {
    await expectRefused(a.caller.files.restoreVersion({ fileId: b.fileId, versionId: b.versionId }));
    await expectRefused(a.caller.files.restoreVersion({ fileId: a.fileId, versionId: b.versionId }));
  },

  // Groups and sharing: B's groups, people, shares and items are refused, and A's items are not shared into B.
  "groups.members": ({ a, b }) => expectRefused(a.caller.groups.members({ groupId: b.groupId })),
  "groups.rename": ({ a, b }) => expectRefused(a.caller.groups.rename({ groupId: b.groupId, name: "taken over" })),
  "groups.delete": ({ a, b }) => expectRefused(a.caller.groups.delete({ groupId: b.groupId })),
  "groups.addMembers": async ({ a, b }) => {
    await expectRefused(a.caller.groups.addMembers({ groupId: b.groupId, userIds: [a.userId] }));
    await expectRefused(a.caller.groups.addMembers({ groupId: a.groupId, userIds: [b.memberUserId] }));
  },
  "groups.removeMember": ({ a, b }) => expectRefused(a.caller.groups.removeMember({ groupId: b.groupId, userId: b.memberUserId })),
  "sharing.listForItem": ({ a, b }) => expectRefused(a.caller.sharing.listForItem({ itemId: b.folderId })),
  "sharing.share": async ({ a, b }) => {
    await expectRefused(a.caller.sharing.share({ itemId: b.folderId, recipients: [{ type: "user", id: a.userId }], role: "EDITOR" }));
    await expectRefused(a.caller.sharing.share({ itemId: a.fileId, recipients: [{ type: "user", id: b.memberUserId }], role: "VIEWER" }));
    await expectRefused(a.caller.sharing.share({ itemId: a.fileId, recipients: [{ type: "group", id: b.groupId }], role: "VIEWER" }));
  },
  "sharing.changeRole": ({ a, b }) => expectRefused(a.caller.sharing.changeRole({ shareId: b.shareId, role: "VIEWER" })),
  "sharing.revoke": ({ a, b }) => expectRefused(a.caller.sharing.revoke({ shareId: b.shareId })),
  "sharing.addToMyFiles": async ({ a, b }) => {
    await expectRefused(a.caller.sharing.addToMyFiles({ itemId: b.folderId }));
    await expectRefused(a.caller.sharing.addToMyFiles({ itemId: b.fileId, folderId: null }));
  },
  "sharing.sharedWithMe": async (w) => expectNoneOf(w, await w.a.caller.sharing.sharedWithMe({})),
  "sharing.candidates": async (w) => expectNoneOf(w, await w.a.caller.sharing.candidates({ query: "" })),
  // Public links: B's items and links are refused.
  "links.create": ({ a, b }) => expectRefused(a.caller.links.create({ itemId: b.folderId, mode: "DROP" })),
  "links.list": ({ a, b }) => expectRefused(a.caller.links.list({ itemId: b.fileId })),
  "links.update": ({ a, b }) => expectRefused(a.caller.links.update({ linkId: b.linkId, expiresAt: null, maxDownloads: 1 })),
  "links.revoke": ({ a, b }) => expectRefused(a.caller.links.revoke({ linkId: b.linkId })),
  "groups.list": async (w) => expectNoneOf(w, await w.a.caller.groups.list()),
  "groups.create": async (w) => expectNoneOf(w, await w.a.caller.groups.create({ name: `A's group ${crypto.randomUUID()}` })),

  // Chat: B's channels and messages are refused, and B's people are not added to A's channels.
  "chat.messages": ({ a, b }) => expectRefused(a.caller.chat.messages({ channelId: b.channelId })),
  "chat.post": async ({ a, b }) => {
    await expectRefused(a.caller.chat.post({ channelId: b.channelId, body: "planted" }));
    await expectRefused(a.caller.chat.post({ channelId: b.privateChannelId, body: "planted" }));
    await expectRefused(a.caller.chat.post({ channelId: a.channelId, body: "planted reply", parentId: b.messageId }));
  },
  "chat.edit": ({ a, b }) => expectRefused(a.caller.chat.edit({ messageId: b.messageId, body: "rewritten" })),
  "chat.delete": ({ a, b }) => expectRefused(a.caller.chat.delete({ messageId: b.messageId })),
  "chat.react": ({ a, b }) => expectRefused(a.caller.chat.react({ messageId: b.messageId, emoji: "👍" })),
  "chat.unreact": ({ a, b }) => expectRefused(a.caller.chat.unreact({ messageId: b.messageId, emoji: "👍" })),
  "chat.markRead": ({ a, b }) => expectRefused(a.caller.chat.markRead({ channelId: b.channelId, seq: "1" })),
  "chat.addMembers": async ({ a, b }) => {
    await expectRefused(a.caller.chat.addMembers({ channelId: b.privateChannelId, userIds: [a.userId] }));
    await expectRefused(a.caller.chat.addMembers({ channelId: a.channelId, userIds: [b.memberUserId] }));
  },
  "chat.members": ({ a, b }) => expectRefused(a.caller.chat.members({ channelId: b.privateChannelId })),
  "chat.thread": ({ a, b }) => expectRefused(a.caller.chat.thread({ messageId: b.messageId })),
  "chat.openDirect": ({ a, b }) => expectRefused(a.caller.chat.openDirect({ userIds: [b.memberUserId] })),
  "chat.directCandidates": async (w) => expectNoneOf(w, await w.a.caller.chat.directCandidates()),
  "chat.channels": async (w) => expectNoneOf(w, await w.a.caller.chat.channels()),
  "chatSearch.messages": async (w) => expectNoneOf(w, await w.a.caller.chatSearch.messages({ query: "private message" })),
  "chat.attachFromFiles": async ({ a, b }) => {
    await expectRefused(a.caller.chat.attachFromFiles({ fileId: b.fileId }));
    await expectRefused(a.caller.chat.attachFromFiles({ fileId: b.trashedId }));
  },
  // Live feed: events of B (a message changed, typing, presence, notifications) never reach A's tab.
  "live.onEvent": async (w) => {
    const feed = ((await w.a.caller.live.onEvent()) as unknown as AsyncIterable<{ type: string; message?: { id: string } }>)[Symbol.asyncIterator]();
    try {
      expect((await feed.next()).value).toEqual({ type: "ready" });
      const b = w.b;
      await publishEvent(owner, chatMessageChanged, { organizationId: b.organizationId, data: { channelId: b.channelId, messageId: b.messageId, seq: "1", change: "edited" } });
      await publishEvent(owner, chatTyping, { organizationId: b.organizationId, data: { channelId: b.channelId, userId: b.memberUserId, name: b.ownerEmail } });
      await publishEvent(owner, presenceChanged, { organizationId: b.organizationId, data: { userId: b.memberUserId, state: "online", statusEmoji: "", statusText: b.fileName } });
      await publishEvent(owner, notificationsChanged, { organizationId: b.organizationId, data: { userId: b.memberUserId } });
      // A's own message, published after B's events: whatever comes before it would include them.
      const mine = await w.a.caller.chat.post({ channelId: w.a.channelId, body: "A's marker" });
      const seen: unknown[] = [];
      for (;;) {
        const next = await feed.next();
        if (next.done) throw new Error("A's feed ended");
        seen.push(next.value);
        if (next.value.type === "message" && next.value.message?.id === mine.id) break;
      }
      expectNoneOf(w, seen);
    } finally {
      await feed.return?.();
    }
  },
  "presence.list": async (w) => expectNoneOf(w, await w.a.caller.presence.list()),
  "presence.reportActivity": async (w) => expectNoneOf(w, await w.a.caller.presence.reportActivity({ idleMs: 0 })),
  "presence.setStatus": async (w) => expectNoneOf(w, await w.a.caller.presence.setStatus({ emoji: "", text: "A's status" })),
  "presence.typing": async ({ a, b }) => {
    await expectRefused(a.caller.presence.typing({ channelId: b.channelId }));
    await expectRefused(a.caller.presence.typing({ channelId: b.privateChannelId }));
  },
  "chat.createChannel": async (w) => {
    expectNoneOf(w, await w.a.caller.chat.createChannel({ name: "a-only", isPrivate: true }));
    await expectRefused(w.a.caller.chat.createChannel({ name: "planted", isPrivate: false, workspaceId: w.b.workspaceId }));
  },
  // Workspaces: B's workspace, its folder and its people are refused; A's own lists show none of B.
  "workspaces.list": async (w) => expectNoneOf(w, await w.a.caller.workspaces.list()),
  "workspaces.folders": async (w) => expectNoneOf(w, await w.a.caller.workspaces.folders()),
  "workspaces.create": async (w) => expectNoneOf(w, await w.a.caller.workspaces.create({ name: `A's ${crypto.randomUUID()}` })),
  "workspaces.update": ({ a, b }) => expectRefused(a.caller.workspaces.update({ workspaceId: b.workspaceId, name: "Renamed by A", isPrivate: true })),
  "workspaces.delete": ({ a, b }) => expectRefused(a.caller.workspaces.delete({ workspaceId: b.workspaceId })),
  "workspaces.members": ({ a, b }) => expectRefused(a.caller.workspaces.members({ workspaceId: b.workspaceId })),
  "workspaces.memberCandidates": async (w) => {
    await expectRefused(w.a.caller.workspaces.memberCandidates({ workspaceId: w.b.workspaceId }));
    expectNoneOf(w, await w.a.caller.workspaces.memberCandidates({ workspaceId: w.a.workspaceId }));
  },
  "workspaces.addMembers": async ({ a, b }) => {
    await expectRefused(a.caller.workspaces.addMembers({ workspaceId: b.workspaceId, userIds: [a.userId] }));
    await expectRefused(a.caller.workspaces.addMembers({ workspaceId: a.workspaceId, userIds: [b.memberUserId] }));
  },
  "workspaces.changeRole": ({ a, b }) => expectRefused(a.caller.workspaces.changeRole({ workspaceId: b.workspaceId, userId: b.memberUserId, role: "GUEST" })),
  "workspaces.removeMember": ({ a, b }) => expectRefused(a.caller.workspaces.removeMember({ workspaceId: b.workspaceId, userId: b.memberUserId })),
  "workspaces.join": ({ a, b }) => expectRefused(a.caller.workspaces.join({ workspaceId: b.workspaceId })),
  "workspaces.leave": ({ a, b }) => expectRefused(a.caller.workspaces.leave({ workspaceId: b.workspaceId })),
  "workspaces.trash": ({ a, b }) => expectRefused(a.caller.workspaces.trash({ workspaceId: b.workspaceId })),
  "workspaces.folder": async ({ a, b }) => {
    await expectRefused(a.caller.workspaces.folder({ workspaceId: b.workspaceId }));
    await expectRefused(a.caller.files.list({ folderId: b.workspaceFolderId }));
    await expectRefused(a.caller.files.createFolder({ parentId: b.workspaceFolderId, name: "planted" }));
  },
  // Mail administration: B's domains, mailboxes, addresses and people are refused; A's lists and settings show none of B.
  "mailAdmin.domains": async (w) => expectNoneOf(w, await w.a.caller.mailAdmin.domains()),
  "mailAdmin.addDomain": async (w) => {
    expectNoneOf(w, await w.a.caller.mailAdmin.addDomain({ name: `a-${crypto.randomUUID().slice(0, 8)}.com` }));
    await expect(w.a.caller.mailAdmin.addDomain({ name: w.b.mailDomainName })).rejects.toMatchObject({ code: "CONFLICT" });
  },
  "mailAdmin.removeDomain": ({ a, b }) => expectRefused(a.caller.mailAdmin.removeDomain({ domainId: b.mailDomainId, removeAliases: true })),
  "mailAdmin.checkDns": ({ a, b }) => expectRefused(a.caller.mailAdmin.checkDns({ domainId: b.mailDomainId })),
  "mailAdmin.mailboxes": async (w) => expectNoneOf(w, await w.a.caller.mailAdmin.mailboxes()),
  "mailAdmin.addAlias": async ({ a, b }) => {
    const [aDomain] = await a.caller.mailAdmin.domains();
    const [aMailbox] = await a.caller.mailAdmin.mailboxes();
    await expectRefused(a.caller.mailAdmin.addAlias({ mailboxId: b.mailboxId, localPart: "planted", domainId: aDomain!.id }));
    await expectRefused(a.caller.mailAdmin.addAlias({ mailboxId: aMailbox!.id, localPart: "planted", domainId: b.mailDomainId }));
  },
  "mailAdmin.removeAlias": ({ a, b }) => expectRefused(a.caller.mailAdmin.removeAlias({ addressId: b.mailAddressId })),
  "mailAdmin.setPrimaryAddress": ({ a, b }) => expectRefused(a.caller.mailAdmin.setPrimaryAddress({ addressId: b.mailAddressId })),
  "mailAdmin.sharedMailboxes": async (w) => expectNoneOf(w, await w.a.caller.mailAdmin.sharedMailboxes()),
  "mailAdmin.createSharedMailbox": async ({ a, b }) => {
    const [aDomain] = await a.caller.mailAdmin.domains();
    await expectRefused(a.caller.mailAdmin.createSharedMailbox({ displayName: "Planted", localPart: "planted", domainId: b.mailDomainId }));
    await expectRefused(a.caller.mailAdmin.createSharedMailbox({ displayName: "Planted", localPart: "planted", domainId: aDomain!.id, memberIds: [b.memberUserId] }));
  },
  "mailAdmin.renameSharedMailbox": ({ a, b }) => expectRefused(a.caller.mailAdmin.renameSharedMailbox({ mailboxId: b.sharedMailboxId, displayName: "Taken over" })),
  "mailAdmin.addSharedMailboxMember": ({ a, b }) => expectRefused(a.caller.mailAdmin.addSharedMailboxMember({ mailboxId: b.sharedMailboxId, userId: a.userId })),
  "mailAdmin.removeSharedMailboxMember": ({ a, b }) =>
    expectRefused(a.caller.mailAdmin.removeSharedMailboxMember({ mailboxId: b.sharedMailboxId, userId: b.memberUserId })),
  "mailAdmin.deleteSharedMailbox": ({ a, b }) => expectRefused(a.caller.mailAdmin.deleteSharedMailbox({ mailboxId: b.sharedMailboxId, deleteMessages: true })),
  "mailAdmin.settings": async (w) => expectNoneOf(w, await w.a.caller.mailAdmin.settings()),
  "mailAdmin.updateSettings": async (w) =>
    expectNoneOf(w, await w.a.caller.mailAdmin.updateSettings({ mailboxQuotaBytes: 1024 * 1024, maxMessageBytes: 64 * 1024, sendLimitPerHour: 1 })),
  "mailOutbox.list": async (w) => expectNoneOf(w, await w.a.caller.mailOutbox.list()),
  // Webmail: B's mailboxes, folders, messages, drafts and files are refused; A's lists and searches show none of B.
  "mail.folders": async (w) => expectNoneOf(w, await w.a.caller.mail.folders()),
  "mail.createFolder": ({ a, b }) => expectRefused(a.caller.mail.createFolder({ mailboxId: b.mailboxId, name: "Planted" })),
  "mail.renameFolder": ({ a, b }) => expectRefused(a.caller.mail.renameFolder({ folderId: b.mailFolderId, name: "Taken" })),
  "mail.deleteFolder": ({ a, b }) => expectRefused(a.caller.mail.deleteFolder({ folderId: b.mailFolderId })),
  "mail.messages": ({ a, b }) => expectRefused(a.caller.mail.messages({ folderId: b.mailFolderId })),
  "mail.conversation": ({ a, b }) => expectRefused(a.caller.mail.conversation({ messageId: b.mailMessageId })),
  "mail.setRead": ({ a, b }) => expectRefused(a.caller.mail.setRead({ ids: [b.mailMessageId], isRead: false })),
  "mail.setStarred": ({ a, b }) => expectRefused(a.caller.mail.setStarred({ ids: [b.mailMessageId], isStarred: true })),
  "mail.move": ({ a, b }) => expectRefused(a.caller.mail.move({ ids: [b.mailMessageId], folderId: b.mailFolderId })),
  "mail.archive": ({ a, b }) => expectRefused(a.caller.mail.archive({ ids: [b.mailMessageId] })),
  "mail.trash": ({ a, b }) => expectRefused(a.caller.mail.trash({ ids: [b.mailMessageId] })),
  "mail.restore": ({ a, b }) => expectRefused(a.caller.mail.restore({ ids: [b.mailMessageId] })),
  "mail.deleteForever": ({ a, b }) => expectRefused(a.caller.mail.deleteForever({ ids: [b.mailMessageId] })),
  "mail.emptyTrash": ({ a, b }) => expectRefused(a.caller.mail.emptyTrash({ mailboxId: b.mailboxId })),
  "mail.search": async (w) => expectNoneOf(w, await w.a.caller.mail.search({ query: "outside mail" })),
  "mail.saveDraft": async ({ a, b }) => {
    await expectRefused(a.caller.mail.saveDraft({ fromMailboxId: b.mailboxId, subject: "Planted" }));
    const [aMailbox] = await a.caller.mail.folders();
    await expectRefused(a.caller.mail.saveDraft({ fromMailboxId: aMailbox!.id, draftId: b.mailDraftId, subject: "Planted" }));
    await expectRefused(a.caller.mail.saveDraft({ fromMailboxId: aMailbox!.id, inReplyToId: b.mailMessageId, subject: "Planted" }));
  },
  "mail.draft": ({ a, b }) => expectRefused(a.caller.mail.draft({ draftId: b.mailDraftId })),
  "mail.discardDraft": ({ a, b }) => expectRefused(a.caller.mail.discardDraft({ draftId: b.mailDraftId })),
  "mail.attachFromFiles": async ({ a, b }) => {
    await expectRefused(a.caller.mail.attachFromFiles({ draftId: b.mailDraftId, fileId: a.fileId }));
    const [aMailbox] = await a.caller.mail.folders();
    const aDraft = await a.caller.mail.saveDraft({ fromMailboxId: aMailbox!.id, subject: "A's draft" });
    await expectRefused(a.caller.mail.attachFromFiles({ draftId: aDraft.id, fileId: b.fileId }));
  },
  "mail.removeDraftAttachment": ({ a, b }) => expectRefused(a.caller.mail.removeDraftAttachment({ attachmentId: b.mailDraftAttachmentId })),
  "mail.send": async ({ a, b }) => {
    await expectRefused(a.caller.mail.send({ fromMailboxId: b.mailboxId, to: ["partner@example.net"], subject: "Planted" }));
    const [aMailbox] = await a.caller.mail.folders();
    await expectRefused(a.caller.mail.send({ fromMailboxId: aMailbox!.id, draftId: b.mailDraftId, to: ["partner@example.net"], subject: "Planted" }));
    await expectRefused(a.caller.mail.send({ fromMailboxId: aMailbox!.id, forwardOfId: b.mailMessageId, to: ["partner@example.net"], subject: "Planted" }));
  },
  // Reading one message: B's is as unknown as one that never existed, and trusting its sender writes nothing.
  "mailView.get": ({ a, b }) => expectRefused(a.caller.mailView.get({ messageId: b.mailMessageId })),
  "mailView.trustSender": ({ a, b }) => expectRefused(a.caller.mailView.trustSender({ messageId: b.mailMessageId })),
  "mailView.untrustSender": ({ a, b }) => expectRefused(a.caller.mailView.untrustSender({ messageId: b.mailMessageId })),
  "mail.suggestRecipients": async (w) => {
    expectNoneOf(w, await w.a.caller.mail.suggestRecipients({ query: "support" }));
    expectNoneOf(w, await w.a.caller.mail.suggestRecipients({ query: w.b.mailDomainName }));
  },
  // Notifications: B's are refused and never shown; the rest act on A's own.
  "notifications.markRead": ({ a, b }) => expectRefused(a.caller.notifications.markRead({ ids: [b.notificationId] })),
  "notifications.list": async (w) => expectNoneOf(w, await w.a.caller.notifications.list({})),
  "notifications.unreadCount": async (w) => expect(await w.a.caller.notifications.unreadCount()).toBe(0),
  "notifications.markAllRead": async (w) => expectNoneOf(w, await w.a.caller.notifications.markAllRead()),
  "notifications.preferences": async (w) => expectNoneOf(w, await w.a.caller.notifications.preferences()),
  "notifications.setPreferences": async (w) => expectNoneOf(w, await w.a.caller.notifications.setPreferences({ emailKinds: ["SHARE"] })),
  "notifications.emailDestination": async (w) => expectNoneOf(w, await w.a.caller.notifications.emailDestination()),

  // Procedures that read: nothing of B comes back.
  // A page cursor made from B's item is only a position: A still sees A's own items and nothing of B.
  "files.search": async (w) => {
    const found = await w.a.caller.files.search({ query: "private" });
    expect(found.items.map((f) => f.id)).toEqual([w.a.fileId]);
    expectNoneOf(w, found);
    const bFile = await owner.fileItem.findUniqueOrThrow({ where: { id: w.b.fileId }, select: { modifiedAt: true } });
    const [aFile] = found.items;
    const fromBPosition = await w.a.caller.files.search({ query: "private", cursor: { modifiedAt: bFile.modifiedAt, id: w.b.fileId } });
    expect(fromBPosition.items.map((f) => f.id)).toEqual(aFile!.modifiedAt < bFile.modifiedAt ? [w.a.fileId] : []);
    expectNoneOf(w, fromBPosition);
  },
  "files.usage": async (w) => {
    const usage = await w.a.caller.files.usage();
    expect(usage.organization.usedBytes).toBe(usage.drive.usedBytes); // A's organization holds A's bytes only
  },
  "files.listTrash": async (w) => {
    expectNoneOf(w, await w.a.caller.files.listTrash());
    const bTrashed = await owner.fileItem.findUniqueOrThrow({ where: { id: w.b.trashedId }, select: { trashedAt: true } });
    expectNoneOf(w, await w.a.caller.files.listTrash({ cursor: { trashedAt: bTrashed.trashedAt!, id: w.b.trashedId } }));
  },
  "fileSettings.get": async (w) => expectNoneOf(w, await w.a.caller.fileSettings.get()),
  "activity.list": async (w) => expectNoneOf(w, await w.a.caller.activity.list({})),
  "auth.viewer": async (w) => expectNoneOf(w, await w.a.caller.auth.viewer()),
  "organization.mine": async (w) => expectNoneOf(w, await w.a.caller.organization.mine()),
  "member.list": async (w) => expectNoneOf(w, await w.a.caller.member.list()),
  "invitation.list": async (w) => expectNoneOf(w, await w.a.caller.invitation.list()),
  "account.sessions": async (w) => expectNoneOf(w, await w.a.caller.account.sessions()),
  "appPasswords.list": async (w) => expectNoneOf(w, await w.a.caller.appPasswords.list()),

  // Procedures with no id act on the caller's own organization only.
  "organization.rename": async (w) => void (await w.a.caller.organization.rename({ name: "A renamed" })),
  "organization.create": async (w) => expectNoneOf(w, await w.a.caller.organization.create({ name: "A's second" })),
  "invitation.create": async (w) => expectNoneOf(w, await w.a.caller.invitation.create({ role: "MEMBER", expiresInDays: 1, maxUses: 1 })),
  // Platform administration: refused to A unless A happens to own the server's first organization;
  // either way it shows no organization's ids.
  "storage.status": async (w) => {
    const status = await w.a.caller.storage.status().catch((error: { code?: string }) => error);
    if ("code" in status) expect(status.code).toBe("FORBIDDEN");
    else expectNoneOf(w, status);
  },
  "storage.scrub": async (w) => {
    const report = await w.a.caller.storage.scrub().catch((error: { code?: string }) => error);
    if ("code" in report) expect(report.code).toBe("FORBIDDEN");
    else expectNoneOf(w, report);
  },
  "auth.isPlatformAdmin": async (w) => expect(typeof (await w.a.caller.auth.isPlatformAdmin())).toBe("boolean"),
  "organization.canCreate": async (w) => expect(typeof (await w.a.caller.organization.canCreate())).toBe("boolean"),
  // Account procedures act on the caller's own user and sessions only.
  "account.rename": async (w) => void (await w.a.caller.account.rename({ name: "A person" })),
  "appPasswords.create": async (w) => expectNoneOf(w, await w.a.caller.appPasswords.create({ name: "A's app" })),
  // Files procedures without ids act on A's own drive and settings only.
  "files.emptyTrash": async (w) => expectNoneOf(w, await w.a.caller.files.emptyTrash()),
  "fileSettings.update": async (w) =>
    expectNoneOf(w, await w.a.caller.fileSettings.update({ quotaBytes: 1, personQuotaBytes: 1, keepAllVersionsDays: 1, keepVersionsDays: 1 })),
  "account.endOtherSessions": async (w) => void (await w.a.caller.account.endOtherSessions()),
  "account.changePassword": async (w) => {
    await expect(w.a.caller.account.changePassword({ currentPassword: "wrong", newPassword: "long enough password" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  },
  "organization.leave": async (w) => {
    // A's only owner cannot leave; the refusal must not touch B either.
    await expect(w.a.caller.organization.leave()).rejects.toMatchObject({ code: "CONFLICT" });
  },

  // Token-based: holding an invite link is the permission, so there is no foreign id to try.
  // What a forged or other-organization token gets is covered in tenancy.integration.test.ts.
  "invitation.accept": ({ a }) => expectRefused(a.caller.invitation.accept({ token: "f".repeat(32) })),
  "auth.invitation": ({ a }) => expectRefused(a.caller.auth.invitation({ token: "f".repeat(32) })),
  // Public sign-up creates a new tenant; with the email of B's owner it is refused.
  "auth.signUp": async ({ b }) => {
    await expect(
      anonymousCaller().auth.signUp({ name: "X", email: b.ownerEmail, password: "long enough password", organizationName: "Takeover" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  },
  "auth.signUpWithInvitation": async ({ a }) =>
    expectRefused(a.caller.auth.signUpWithInvitation({ token: "f".repeat(32), name: "X", email: "x@example.test", password: "long enough password" })),
};

let owner: Database;
let world: World;

async function snapshotOfB(): Promise<unknown> {
  const id = world.b.organizationId;
  return {
    organization: await owner.organization.findUnique({ where: { id } }),
    memberships: await owner.membership.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    invitations: await owner.invitation.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    sessionsPointingAtB: await owner.session.count({ where: { activeOrganizationId: id } }),
    sessionsOfB: await owner.session.findMany({ where: { id: world.b.ownerSessionId }, select: { revokedAt: true } }),
    usersOfB: await owner.user.findMany({
      where: { memberships: { some: { organizationId: id } } },
      select: { name: true, passwordHash: true },
      orderBy: { email: "asc" },
    }),
    fileSettings: await owner.fileSettings.findUnique({ where: { organizationId: id } }),
    drives: await owner.drive.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    fileItems: await owner.fileItem.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    fileVersions: await owner.fileVersion.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    uploads: await owner.upload.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    blobs: await owner.blob.findMany({ where: { organizationId: id }, select: { id: true, size: true }, orderBy: { id: "asc" } }),
    activity: await owner.activityEntry.count({ where: { organizationId: id } }),
    appPasswords: await owner.appPassword.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    groups: await owner.group.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    groupMembers: await owner.groupMember.findMany({ where: { organizationId: id }, orderBy: [{ groupId: "asc" }, { userId: "asc" }] }),
    shares: await owner.share.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    shareLinks: await owner.shareLink.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    workspaces: await owner.workspace.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    workspaceMembers: await owner.workspaceMember.findMany({ where: { organizationId: id }, orderBy: [{ workspaceId: "asc" }, { userId: "asc" }] }),
    channels: await owner.channel.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    channelMembers: await owner.channelMember.findMany({ where: { organizationId: id }, orderBy: [{ channelId: "asc" }, { userId: "asc" }] }),
    messages: await owner.message.findMany({ where: { organizationId: id }, orderBy: { seq: "asc" } }),
    reactions: await owner.reaction.findMany({ where: { organizationId: id }, orderBy: [{ messageId: "asc" }, { userId: "asc" }, { emoji: "asc" }] }),
    messageMentions: await owner.messageMention.findMany({ where: { organizationId: id }, orderBy: [{ messageId: "asc" }, { userId: "asc" }] }),
    messageSearchTokens: await owner.messageSearchToken.count({ where: { organizationId: id } }),
    notifications: await owner.notification.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    presence: await owner.presence.findMany({ where: { organizationId: id }, orderBy: { userId: "asc" } }),
    notificationPreferences: await owner.notificationPreference.findMany({ where: { organizationId: id }, orderBy: { userId: "asc" } }),
    mailDomains: await owner.mailDomain.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    mailboxes: await owner.mailbox.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    mailboxMembers: await owner.mailboxMember.findMany({ where: { organizationId: id }, orderBy: [{ mailboxId: "asc" }, { userId: "asc" }] }),
    mailAddresses: await owner.mailAddress.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    mailSettings: await owner.mailSettings.findUnique({ where: { organizationId: id } }),
    // What a sender queued (its state moves with the queue's own runs).
    outboundMail: await owner.outboundMail.findMany({ where: { organizationId: id }, select: { id: true, senderId: true, blobId: true, envelope: true }, orderBy: { id: "asc" } }),
    mailFolders: await owner.mailFolder.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    mailMessages: await owner.mailMessage.findMany({
      where: { organizationId: id },
      select: { id: true, mailboxId: true, folderId: true, threadId: true, blobId: true, isRead: true, isStarred: true, isDraft: true },
      orderBy: { seq: "asc" },
    }),
    mailDraftAttachments: await owner.mailDraftAttachment.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
    mailTrustedSenders: await owner.mailTrustedSender.findMany({ where: { organizationId: id }, orderBy: [{ userId: "asc" }, { addressHash: "asc" }] }),
    mailSendRecords: await owner.mailSendRecord.findMany({ where: { organizationId: id }, orderBy: { id: "asc" } }),
  };
}

beforeAll(async () => {
  owner = createDatabase(process.env.DATABASE_URL!);
  const a = await newFilesOwner("tenant-a");
  const b = await newFilesOwner("tenant-b");
  const bMember = await addMember(b.organizationId, b.userId, "MEMBER");
  const invitation = await b.caller.invitation.create({ role: "MEMBER", expiresInDays: 7, maxUses: 1 });
  const bMembers = await b.caller.member.list();
  // B's files: a folder, a file with two versions in it, and an item in the trash.
  const fileName = `private-${crypto.randomUUID()}.txt`;
  const bFolder = await b.caller.files.createFolder({ parentId: null, name: "B's folder" });
  const bFile = await transfer.upload(b, fileName, "B's first version", { folderId: bFolder.id });
  await transfer.upload(b, fileName, "B's second version", { folderId: bFolder.id, onConflict: "REPLACE" });
  const [, bOlderVersion] = await b.caller.files.versions({ fileId: bFile.id });
  const bTrashed = await transfer.upload(b, `trashed-${fileName}`, "B's trashed file");
  await b.caller.files.trash({ itemIds: [bTrashed.id] });
  // Made now, so that the housekeeping test (which visits every organization) has nothing of B's to create meanwhile.
  await b.caller.fileSettings.get();
  const bAppPassword = await b.caller.appPasswords.create({ name: "B's app" });
  const bGroup = await b.caller.groups.create({ name: "B's group" });
  await b.caller.groups.addMembers({ groupId: bGroup.id, userIds: [bMember.userId] });
  await b.caller.sharing.share({ itemId: bFolder.id, recipients: [{ type: "user", id: bMember.userId }, { type: "group", id: bGroup.id }], role: "EDITOR" });
  const [bShare] = (await b.caller.sharing.listForItem({ itemId: bFolder.id })).entries;
  const { link: bLink } = await b.caller.links.create({ itemId: bFile.id });
  const aFile = await transfer.upload(a, "private notes.txt", "A's file");
  const aGroup = await a.caller.groups.create({ name: "A's group" });
  // B's chat: #general with a reacted message, and a private channel. A's own channel.
  const bGeneral = (await b.caller.chat.channels()).find((c) => c.isGeneral)!;
  const bMessage = await b.caller.chat.post({ channelId: bGeneral.id, body: "B's private message" });
  await b.caller.chat.react({ messageId: bMessage.id, emoji: "👍" });
  const bPrivate = await b.caller.chat.createChannel({ name: "b-secret", isPrivate: true });
  const aChannel = await a.caller.chat.createChannel({ name: "a-channel", isPrivate: true });
  const bWorkspace = await b.caller.workspaces.create({ name: "B's workspace" });
  await b.caller.workspaces.addMembers({ workspaceId: bWorkspace.id, userIds: [bMember.userId] });
  const bWorkspaceFolder = await b.caller.workspaces.folder({ workspaceId: bWorkspace.id });
  const aWorkspace = await a.caller.workspaces.create({ name: "A's workspace" });
  const bMailDomain = await b.caller.mailAdmin.addDomain({ name: `b-${crypto.randomUUID().slice(0, 8)}.com` });
  const bMailbox = (await b.caller.mailAdmin.mailboxes()).find((m) => m.owner?.id === b.userId)!;
  const bAlias = await b.caller.mailAdmin.addAlias({ mailboxId: bMailbox.id, localPart: "b-alias", domainId: bMailDomain.id });
  const bShared = await b.caller.mailAdmin.createSharedMailbox({ displayName: "B support", localPart: "support", domainId: bMailDomain.id, memberIds: [bMember.userId] });
  await b.caller.mailAdmin.updateSettings({ mailboxQuotaBytes: 2 * 1024 ** 3, maxMessageBytes: 10 * 1024 * 1024, sendLimitPerHour: 100 });
  await b.caller.mail.send({ fromMailboxId: bMailbox.id, to: ["partner@example.net"], subject: "B's outside mail", text: "Queued." });
  const bOutbound = await owner.outboundMail.findFirstOrThrow({ where: { organizationId: b.organizationId }, select: { id: true } });
  const bSent = await owner.mailMessage.findFirstOrThrow({ where: { organizationId: b.organizationId, mailboxId: bMailbox.id, isDraft: false }, select: { id: true, folderId: true } });
  const bDraft = await b.caller.mail.saveDraft({ fromMailboxId: bMailbox.id, to: ["partner@example.net"], subject: "B's draft" });
  const bDraftFile = await b.caller.mail.attachFromFiles({ draftId: bDraft.id, fileId: bFile.id });
  if (bDraftFile.kind !== "file") throw new Error("B's small file should attach as a file");
  await owner.presence.create({ data: { organizationId: b.organizationId, userId: bMember.userId, statusText: "B's status" } });
  const bNotification = await owner.notification.findFirstOrThrow({ where: { organizationId: b.organizationId, userId: bMember.userId }, select: { id: true } });
  world = {
    a: { caller: a.caller, organizationId: a.organizationId, userId: a.userId, fileId: aFile.id, groupId: aGroup.id, channelId: aChannel.id, workspaceId: aWorkspace.id },
    b: {
      organizationId: b.organizationId,
      ownerEmail: b.email,
      ownerSessionId: b.sessionId,
      ownerMembershipId: bMembers.find((m) => m.id === b.userId)!.membershipId,
      memberMembershipId: bMembers.find((m) => m.id === bMember.userId)!.membershipId,
      invitationId: invitation.id,
      folderId: bFolder.id,
      fileId: bFile.id,
      versionId: bOlderVersion!.id,
      trashedId: bTrashed.id,
      fileName,
      appPasswordId: bAppPassword.id,
      memberUserId: bMember.userId,
      groupId: bGroup.id,
      shareId: bShare!.shareId,
      linkId: bLink.id,
      channelId: bGeneral.id,
      messageId: bMessage.id,
      privateChannelId: bPrivate.id,
      notificationId: bNotification.id,
      workspaceId: bWorkspace.id,
      workspaceFolderId: bWorkspaceFolder.folderId,
      mailDomainId: bMailDomain.id,
      mailDomainName: bMailDomain.name,
      mailboxId: bMailbox.id,
      mailAddressId: bAlias.id,
      sharedMailboxId: bShared.id,
      outboundId: bOutbound.id,
      mailMessageId: bSent.id,
      mailFolderId: bSent.folderId,
      mailDraftId: bDraft.id,
      mailDraftAttachmentId: bDraftFile.id,
    },
  };
});

afterAll(() => owner.$disconnect());

describe("cross-tenant access", () => {
  it("has a case for every procedure", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  for (const [path, run] of Object.entries(CASES)) {
    it(`${path}: refused with B's ids and changes nothing of B`, async () => {
      const before = await snapshotOfB();
      await run(world);
      expect(await snapshotOfB()).toEqual(before);
    });
  }
});
