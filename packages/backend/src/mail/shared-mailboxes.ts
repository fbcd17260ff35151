import type { ScopedDb } from "@awan/db";
import type { AfterCommit } from "../after-commit";
import { recordActivity } from "../activity/activity-log";
import { DomainError } from "../errors";
import type { Actor } from "../tenancy/memberships";
import { createMailAddress, MAILBOX_NOT_FOUND } from "./mail-aliases";
import { effectiveMailSettings } from "./mail-settings";
import { deleteMailMessages } from "./mail-store";
import { createFolders } from "./provisioning";

// A shared mailbox (support@, sales@) has no owner: the members an
// administrator adds read it and send as it, from their own Mail page.

const PERSON_NOT_FOUND = "This person is not a member of your organization.";

/** The organization's shared mailboxes with their addresses, members, messages and usage. */
export async function listSharedMailboxes(tx: ScopedDb, organizationId: string) {
  const { mailboxQuotaBytes } = await effectiveMailSettings(tx, organizationId);
  const rows = await tx.mailbox.findMany({
    where: { organizationId, kind: "SHARED" },
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
    select: {
      id: true,
      displayName: true,
      usedBytes: true,
      createdAt: true,
      addresses: { select: { id: true, address: true, isPrimary: true, domainId: true }, orderBy: [{ isPrimary: "desc" }, { address: "asc" }] },
      members: { select: { membership: { select: { user: { select: { id: true, name: true, email: true } } } } } },
      _count: { select: { messages: true } },
    },
  });
  return rows.map((m) => ({
    id: m.id,
    displayName: m.displayName,
    createdAt: m.createdAt,
    addresses: m.addresses,
    members: m.members.map((x) => x.membership.user).sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email)),
    messageCount: m._count.messages,
    usedBytes: Number(m.usedBytes),
    quotaBytes: mailboxQuotaBytes,
  }));
}

async function findSharedMailbox(tx: ScopedDb, organizationId: string, mailboxId: string) {
  const mailbox = await tx.mailbox.findFirst({ where: { id: mailboxId, organizationId, kind: "SHARED" }, select: { id: true, displayName: true } });
  if (!mailbox) throw new DomainError("NOT_FOUND", MAILBOX_NOT_FOUND);
  return mailbox;
}

/** People of the organization, or NOT_FOUND if any of them is not (another organization's ids included). */
async function findPeople(tx: ScopedDb, organizationId: string, userIds: string[]) {
  const unique = [...new Set(userIds)];
  const people = await tx.membership.findMany({
    where: { organizationId, userId: { in: unique } },
    select: { userId: true, user: { select: { name: true } } },
  });
  if (people.length !== unique.length) throw new DomainError("NOT_FOUND", PERSON_NOT_FOUND);
  return people;
}

/** Creates a shared mailbox with its six folders, its main address and its first members. */
export async function createSharedMailbox(
  tx: ScopedDb,
  actor: Actor,
  input: { displayName: string; localPart: string; domainId: string; memberIds: string[] },
) {
  const people = await findPeople(tx, actor.organizationId, input.memberIds);
  const mailbox = await tx.mailbox.create({
    data: { organizationId: actor.organizationId, kind: "SHARED", displayName: input.displayName },
    select: { id: true },
  });
  const address = await createMailAddress(tx, actor, { mailboxId: mailbox.id, localPart: input.localPart, domainId: input.domainId, isPrimary: true });
  await createFolders(tx, actor.organizationId, mailbox.id);
  if (people.length > 0) {
    await tx.mailboxMember.createMany({ data: people.map((p) => ({ organizationId: actor.organizationId, mailboxId: mailbox.id, userId: p.userId })) });
  }
  await recordActivity(tx, actor, {
    action: "mail.shared.create",
    subjectId: mailbox.id,
    summary: `Created the shared mailbox ${input.displayName} (${address.address})${people.length > 0 ? ` for ${people.map((p) => p.user.name).join(", ")}` : ""}`,
  });
  return { id: mailbox.id, displayName: input.displayName, address: address.address };
}

export async function renameSharedMailbox(tx: ScopedDb, actor: Actor, mailboxId: string, displayName: string) {
  const mailbox = await findSharedMailbox(tx, actor.organizationId, mailboxId);
  if (mailbox.displayName === displayName) return { id: mailbox.id, displayName };
  await tx.mailbox.update({ where: { id: mailbox.id }, data: { displayName }, select: { id: true } });
  await recordActivity(tx, actor, { action: "mail.shared.rename", subjectId: mailbox.id, summary: `Renamed the shared mailbox ${mailbox.displayName} to ${displayName}` });
  return { id: mailbox.id, displayName };
}

/** Lets a person of the organization read and send as the shared mailbox; someone already in it stays. */
export async function addSharedMailboxMember(tx: ScopedDb, actor: Actor, mailboxId: string, userId: string) {
  const mailbox = await findSharedMailbox(tx, actor.organizationId, mailboxId);
  const [person] = await findPeople(tx, actor.organizationId, [userId]);
  const { count } = await tx.mailboxMember.createMany({
    data: [{ organizationId: actor.organizationId, mailboxId: mailbox.id, userId }],
    skipDuplicates: true,
  });
  if (count > 0) {
    await recordActivity(tx, actor, { action: "mail.shared.addMember", subjectId: mailbox.id, summary: `Gave ${person!.user.name} the shared mailbox ${mailbox.displayName}` });
  }
  return { added: count };
}

/** Takes the shared mailbox out of a person's Mail page at once. */
export async function removeSharedMailboxMember(tx: ScopedDb, actor: Actor, mailboxId: string, userId: string) {
  const mailbox = await findSharedMailbox(tx, actor.organizationId, mailboxId);
  const member = await tx.mailboxMember.findFirst({
    where: { mailboxId: mailbox.id, userId, organizationId: actor.organizationId },
    select: { membership: { select: { user: { select: { name: true } } } } },
  });
  if (!member) throw new DomainError("NOT_FOUND", "This person is not a member of the shared mailbox.");
  await tx.mailboxMember.delete({ where: { mailboxId_userId: { mailboxId: mailbox.id, userId } } });
  await recordActivity(tx, actor, {
    action: "mail.shared.removeMember",
    subjectId: mailbox.id,
    summary: `Took the shared mailbox ${mailbox.displayName} from ${member.membership.user.name}`,
  });
}

/** Messages deleted per statement when a mailbox goes with its mail. */
const DELETE_BATCH = 500;

/**
 * Deletes a shared mailbox with its addresses and folders. One that still
 * holds mail goes only when the caller confirms that its messages go too;
 * they are deleted through the mail store, which frees their stored bytes
 * after the commit.
 */
export async function deleteSharedMailbox(tx: ScopedDb, actor: Actor, mailboxId: string, { deleteMessages, afterCommit }: { deleteMessages: boolean; afterCommit: AfterCommit }) {
  const mailbox = await findSharedMailbox(tx, actor.organizationId, mailboxId);
  const where = { mailboxId: mailbox.id, organizationId: actor.organizationId };
  const messages = await tx.mailMessage.count({ where });
  if (messages > 0 && !deleteMessages) {
    throw new DomainError(
      "CONFLICT",
      `${mailbox.displayName} still holds ${messages} ${messages === 1 ? "message" : "messages"}. Confirm that they are deleted with it, or move them elsewhere in Mail first.`,
    );
  }
  for (;;) {
    const batch = await tx.mailMessage.findMany({ where, select: { id: true }, take: DELETE_BATCH });
    if (batch.length === 0) break;
    const deleted = await deleteMailMessages(tx, actor.organizationId, batch.map((m) => m.id), afterCommit);
    if (deleted === 0) throw new Error(`Messages of mailbox ${mailbox.id} were listed but none could be deleted.`);
  }
  const addresses = await tx.mailAddress.findMany({ where, select: { address: true } });
  await tx.mailbox.delete({ where: { id: mailbox.id } });
  const what = [addresses.length > 0 ? addresses.map((a) => a.address).join(", ") : null, messages > 0 ? `with ${messages} ${messages === 1 ? "message" : "messages"}` : null];
  await recordActivity(tx, actor, {
    action: "mail.shared.delete",
    subjectId: mailbox.id,
    summary: `Deleted the shared mailbox ${mailbox.displayName}${what.some(Boolean) ? ` (${what.filter(Boolean).join(", ")})` : ""}`,
  });
  return { deletedMessages: messages };
}
