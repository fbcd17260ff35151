import type { MailFolderRole, ScopedDb } from "@awan/db";
import { getMailConfig } from "../config";
import { getStorageEngine } from "../storage";
import { createDkimKey } from "./dkim-keys";

// Every organization has a default domain `<slug>.<AWAN_MAIL_DOMAIN>` and every
// member a personal mailbox on it, made on first need (mail arriving, the Mail
// page opening) rather than at sign-up, so members added by any path get one.

export const FOLDER_NAMES: Record<MailFolderRole, string> = {
  INBOX: "Inbox",
  DRAFTS: "Drafts",
  SENT: "Sent",
  ARCHIVE: "Archive",
  SPAM: "Spam",
  TRASH: "Trash",
};

export function defaultMailDomainName(slug: string): string {
  return `${slug}.${getMailConfig().defaultDomainSuffix}`;
}

/** Serializes provisioning per organization: two first deliveries must not both create a mailbox. */
async function lockMailProvisioning(tx: ScopedDb, organizationId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`awan mail provisioning ${organizationId}`}))`;
}

/** The organization's default domain, created with its DKIM key if missing. `tx` is scoped to the organization. */
export async function ensureDefaultDomain(tx: ScopedDb, organizationId: string): Promise<{ id: string; name: string }> {
  const existing = await tx.mailDomain.findFirst({ where: { organizationId, isDefault: true }, select: { id: true, name: true } });
  if (existing) return existing;
  await lockMailProvisioning(tx, organizationId);
  const raced = await tx.mailDomain.findFirst({ where: { organizationId, isDefault: true }, select: { id: true, name: true } });
  if (raced) return raced;
  const { slug } = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { slug: true } });
  const name = defaultMailDomainName(slug);
  const { dataKey } = await getStorageEngine().organizationKeys(tx, organizationId);
  const key = await createDkimKey(dataKey, organizationId, name);
  return tx.mailDomain.create({ data: { organizationId, name, isDefault: true, ...key }, select: { id: true, name: true } });
}

/** The local part a member's address starts from: their sign-in address's, in the characters mail allows everywhere. */
export function localPartFor(email: string): string {
  const local = (email.split("@")[0] ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "")
    .replace(/^[._-]+|[._-]+$/g, "")
    .replace(/\.{2,}/g, ".")
    .slice(0, 48);
  return local || "user";
}

/** A free `local@domain` in the organization: `local`, then `local2`, `local3`, ... */
async function freeAddress(tx: ScopedDb, local: string, domain: string): Promise<string> {
  const taken = new Set(
    (await tx.mailAddress.findMany({ where: { address: { startsWith: local }, domain: { name: domain } }, select: { address: true } })).map((a) => a.address),
  );
  for (let n = 1; ; n++) {
    const address = `${n === 1 ? local : `${local}${n}`}@${domain}`;
    if (!taken.has(address)) return address;
  }
}

export async function createFolders(tx: ScopedDb, organizationId: string, mailboxId: string): Promise<void> {
  await tx.mailFolder.createMany({
    data: Object.entries(FOLDER_NAMES).map(([role, name]) => ({ organizationId, mailboxId, name, role: role as MailFolderRole })),
  });
}

/**
 * A personal mailbox (folders and primary address) for every member who has
 * none. Returns how many were made. `tx` is scoped to the organization.
 */
export async function ensurePersonalMailboxes(tx: ScopedDb, organizationId: string): Promise<number> {
  const missing = () =>
    tx.membership.findMany({
      where: { organizationId, mailboxes: { none: {} } },
      select: { userId: true, user: { select: { email: true, name: true } } },
      orderBy: { createdAt: "asc" },
    });
  if ((await missing()).length === 0) return 0;
  const domain = await ensureDefaultDomain(tx, organizationId);
  await lockMailProvisioning(tx, organizationId);
  const members = await missing();
  for (const member of members) {
    const mailbox = await tx.mailbox.create({
      data: { organizationId, kind: "PERSONAL", userId: member.userId, displayName: member.user.name },
      select: { id: true },
    });
    await createFolders(tx, organizationId, mailbox.id);
    const address = await freeAddress(tx, localPartFor(member.user.email), domain.name);
    await tx.mailAddress.create({ data: { organizationId, address, domainId: domain.id, mailboxId: mailbox.id, isPrimary: true } });
  }
  return members.length;
}

/** The member's personal mailbox id, provisioned if needed. */
export async function ensurePersonalMailbox(tx: ScopedDb, organizationId: string, userId: string): Promise<string> {
  const find = () => tx.mailbox.findUnique({ where: { organizationId_userId: { organizationId, userId } }, select: { id: true } });
  const found = await find();
  if (found) return found.id;
  await ensurePersonalMailboxes(tx, organizationId);
  const made = await find();
  if (!made) throw new Error(`No mailbox could be made for user ${userId}: not a member of organization ${organizationId}.`);
  return made.id;
}
