import { applyScope, withTenantScope, type Database, type ScopedDb } from "@awan/db";
import { getMailConfig } from "../config";
import { ensurePersonalMailboxes } from "./provisioning";

// Who mail for an address goes to. Arriving mail names no organization, so
// the lookup goes in two steps of one transaction, each in the narrowest
// scope: the domain (the mailDomain scope sees that one MailDomain row),
// then the address inside the organization the domain belongs to.

export type MailRecipient = { organizationId: string; mailboxId: string; address: string };

/** `local@domain` lower case, or null for something that is not one address. */
export function splitAddress(address: string): { local: string; domain: string } | null {
  const clean = address.trim().toLowerCase();
  const at = clean.lastIndexOf("@");
  if (at <= 0 || at === clean.length - 1 || clean.length > 254) return null;
  const local = clean.slice(0, at);
  const domain = clean.slice(at + 1).replace(/\.$/, "");
  if (!/^[a-z0-9.-]+$/.test(domain) || /[\s<>@"\\]/.test(local)) return null;
  return { local, domain };
}

/**
 * The organization a mail domain belongs to, or null when it is not on this
 * install; looked up in `tx`, whose scope this changes. An organization's
 * default domain `<slug>.<AWAN_MAIL_DOMAIN>` is provisioned on its first
 * mail (with every member's mailbox).
 */
async function domainOrganization(tx: ScopedDb, domain: string): Promise<string | null> {
  const name = domain.toLowerCase();
  await applyScope(tx, { mailDomain: name });
  const found = await tx.mailDomain.findUnique({ where: { name }, select: { organizationId: true } });
  if (found) return found.organizationId;
  const suffix = `.${getMailConfig().defaultDomainSuffix}`;
  const slug = name.endsWith(suffix) ? name.slice(0, -suffix.length) : "";
  if (!/^[a-z0-9-]+$/.test(slug)) return null;
  await applyScope(tx, { platformJob: true });
  const organization = await tx.organization.findUnique({ where: { slug }, select: { id: true } });
  if (!organization) return null;
  await applyScope(tx, { organizationId: organization.id });
  await ensurePersonalMailboxes(tx, organization.id);
  // Provisioning made the default domain unless the organization has one already, under another name.
  const made = await tx.mailDomain.findUnique({ where: { name }, select: { organizationId: true } });
  return made?.organizationId === organization.id ? made.organizationId : null;
}

/** The organization a mail domain belongs to, or null when it is not on this install (see domainOrganization). */
export async function resolveMailDomain(db: Database, domain: string): Promise<{ organizationId: string } | null> {
  const organizationId = await withTenantScope(db, {}, (tx) => domainOrganization(tx, domain));
  return organizationId ? { organizationId } : null;
}

export type RecipientLookup = { status: "FOUND"; recipient: MailRecipient } | { status: "UNKNOWN" } | { status: "NOT_LOCAL" } | { status: "INVALID" };

/**
 * What becomes of mail for `address`, looked up in `tx`: the mailbox it is
 * delivered to; or UNKNOWN (a domain here, nobody with that address),
 * NOT_LOCAL (a domain this install does not receive for), INVALID (not an
 * address). Members without a mailbox yet get theirs first, so every member
 * is reachable. `local+tag@domain` goes to `local@domain` when no address is
 * exactly that. When FOUND, `tx` is left in the recipient's organization's scope.
 */
export async function findRecipient(tx: ScopedDb, address: string): Promise<RecipientLookup> {
  const parts = splitAddress(address);
  if (!parts) return { status: "INVALID" };
  const organizationId = await domainOrganization(tx, parts.domain);
  if (!organizationId) return { status: "NOT_LOCAL" };
  const candidates = [`${parts.local}@${parts.domain}`];
  const plus = parts.local.indexOf("+");
  if (plus > 0) candidates.push(`${parts.local.slice(0, plus)}@${parts.domain}`);
  await applyScope(tx, { organizationId });
  const find = async () => {
    const rows = await tx.mailAddress.findMany({ where: { organizationId, address: { in: candidates } }, select: { address: true, mailboxId: true } });
    const row = candidates.map((c) => rows.find((r) => r.address === c)).find((r) => r !== undefined);
    return row ? { organizationId, mailboxId: row.mailboxId, address: row.address } : null;
  };
  const recipient = (await find()) ?? ((await ensurePersonalMailboxes(tx, organizationId)) > 0 ? await find() : null);
  return recipient ? { status: "FOUND", recipient } : { status: "UNKNOWN" };
}

/** What becomes of mail for `address` (see findRecipient), in a transaction of its own. */
export function lookupRecipient(db: Database, address: string): Promise<RecipientLookup> {
  return withTenantScope(db, {}, (tx) => findRecipient(tx, address));
}

/** The mailbox mail for `address` is delivered to, or null when nobody on this install receives it (see findRecipient). */
export async function resolveRecipient(db: Database, address: string): Promise<MailRecipient | null> {
  const found = await lookupRecipient(db, address);
  return found.status === "FOUND" ? found.recipient : null;
}
