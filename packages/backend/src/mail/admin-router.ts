import { z } from "zod";
import { singleLineText } from "../text-input";
import { router } from "../trpc/init";
import { orgProcedure } from "../trpc/procedures";
import { checkMailDomainDns } from "./dns-check";
import { addMailAlias, listMemberMailboxes, removeMailAlias, setPrimaryMailAddress } from "./mail-aliases";
import { addMailDomain, listMailDomains, removeMailDomain } from "./mail-domains";
import { effectiveMailSettings, MAIL_SETTINGS_LIMITS, updateMailSettings } from "./mail-settings";
import {
  addSharedMailboxMember,
  createSharedMailbox,
  deleteSharedMailbox,
  listSharedMailboxes,
  removeSharedMailboxMember,
  renameSharedMailbox,
} from "./shared-mailboxes";

// Admin → Mail: the organization's domains, who has which address, shared
// mailboxes and the mail settings. All of it is for administrators.
const admin = orgProcedure("ADMIN");

const DomainId = z.uuid({ error: "This mail domain does not exist in your organization." });
const MailboxId = z.uuid({ error: "This mailbox does not exist in your organization." });
const AddressId = z.uuid({ error: "This address does not exist in your organization." });
const UserId = z.uuid({ error: "This person is not a member of your organization." });
// Lengths only here: the services say precisely what is wrong with a name.
const DomainName = z.string().max(300, { error: "That is too long for a domain name." });
const LocalPart = z.string().max(100, { error: "The part before the @ has at most 64 characters." });
const MailboxName = singleLineText("a name for the mailbox", 100);

function bounded(what: string, { min, max }: { min: number; max: number }) {
  return z
    .number({ error: `Enter ${what}.` })
    .int({ error: `Enter ${what} as a whole number.` })
    .min(min, { error: `${what[0]!.toUpperCase()}${what.slice(1)} must be at least ${min}.` })
    .max(max, { error: `${what[0]!.toUpperCase()}${what.slice(1)} must be at most ${max}.` });
}

export const UpdateMailSettingsInput = z.object({
  mailboxQuotaBytes: bounded("the mailbox quota", MAIL_SETTINGS_LIMITS.mailboxQuotaBytes),
  maxMessageBytes: bounded("the largest message size", MAIL_SETTINGS_LIMITS.maxMessageBytes),
  sendLimitPerHour: bounded("the send limit", MAIL_SETTINGS_LIMITS.sendLimitPerHour),
});

export const mailAdminRouter = router({
  domains: admin.query(({ ctx }) => listMailDomains(ctx.tx, ctx.actor.organizationId)),
  addDomain: admin.input(z.object({ name: DomainName })).mutation(({ ctx, input }) => addMailDomain(ctx.tx, ctx.actor, input.name)),
  removeDomain: admin
    .input(z.object({ domainId: DomainId, removeAliases: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => removeMailDomain(ctx.tx, ctx.actor, input.domainId, input.removeAliases)),
  checkDns: admin.input(z.object({ domainId: DomainId })).mutation(({ ctx, input }) => checkMailDomainDns(ctx.tx, ctx.actor.organizationId, input.domainId)),

  mailboxes: admin.query(({ ctx }) => listMemberMailboxes(ctx.tx, ctx.actor.organizationId)),
  addAlias: admin
    .input(z.object({ mailboxId: MailboxId, localPart: LocalPart, domainId: DomainId }))
    .mutation(({ ctx, input }) => addMailAlias(ctx.tx, ctx.actor, input)),
  removeAlias: admin.input(z.object({ addressId: AddressId })).mutation(({ ctx, input }) => removeMailAlias(ctx.tx, ctx.actor, input.addressId)),
  setPrimaryAddress: admin.input(z.object({ addressId: AddressId })).mutation(({ ctx, input }) => setPrimaryMailAddress(ctx.tx, ctx.actor, input.addressId)),

  sharedMailboxes: admin.query(({ ctx }) => listSharedMailboxes(ctx.tx, ctx.actor.organizationId)),
  createSharedMailbox: admin
    .input(z.object({ displayName: MailboxName, localPart: LocalPart, domainId: DomainId, memberIds: z.array(UserId).max(200).default([]) }))
    .mutation(({ ctx, input }) => createSharedMailbox(ctx.tx, ctx.actor, input)),
  renameSharedMailbox: admin
    .input(z.object({ mailboxId: MailboxId, displayName: MailboxName }))
    .mutation(({ ctx, input }) => renameSharedMailbox(ctx.tx, ctx.actor, input.mailboxId, input.displayName)),
  addSharedMailboxMember: admin
    .input(z.object({ mailboxId: MailboxId, userId: UserId }))
    .mutation(({ ctx, input }) => addSharedMailboxMember(ctx.tx, ctx.actor, input.mailboxId, input.userId)),
  removeSharedMailboxMember: admin
    .input(z.object({ mailboxId: MailboxId, userId: UserId }))
    .mutation(({ ctx, input }) => removeSharedMailboxMember(ctx.tx, ctx.actor, input.mailboxId, input.userId)),
  deleteSharedMailbox: admin
    .input(z.object({ mailboxId: MailboxId, deleteMessages: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => deleteSharedMailbox(ctx.tx, ctx.actor, input.mailboxId, { deleteMessages: input.deleteMessages, afterCommit: ctx.afterCommit })),

  settings: admin.query(({ ctx }) => effectiveMailSettings(ctx.tx, ctx.actor.organizationId)),
  updateSettings: admin.input(UpdateMailSettingsInput).mutation(({ ctx, input }) => updateMailSettings(ctx.tx, ctx.actor, input)),
});
