import { isPrismaError, PrismaErrorCode, type ScopedDb } from "@awan/db";
import { recordActivity } from "../activity/activity-log";
import { DomainError } from "../errors";
import type { Actor } from "../tenancy/memberships";
import { findMailDomain } from "./mail-domains";
import { normalizeLocalPart } from "./mail-names";
import { effectiveMailSettings } from "./mail-settings";
import { ensurePersonalMailboxes } from "./provisioning";

export const MAILBOX_NOT_FOUND = "This mailbox does not exist in your organization.";
const ADDRESS_NOT_FOUND = "This address does not exist in your organization.";
/** Enough for every team name a person answers to; a bound so one mailbox cannot hoard a domain. */
export const MAX_ADDRESSES_PER_MAILBOX = 50;

const addressSelect = { id: true, address: true, isPrimary: true, domainId: true } as const;

/** Who has which address: each member's mailbox with its addresses and how full it is. */
export async function listMemberMailboxes(tx: ScopedDb, organizationId: string) {
  await ensurePersonalMailboxes(tx, organizationId);
  const { mailboxQuotaBytes } = await effectiveMailSettings(tx, organizationId);
  const rows = await tx.mailbox.findMany({
    where: { organizationId, kind: "PERSONAL" },
    select: {
      id: true,
      displayName: true,
      usedBytes: true,
      owner: { select: { role: true, user: { select: { id: true, name: true, email: true } } } },
      addresses: { select: addressSelect, orderBy: [{ isPrimary: "desc" }, { address: "asc" }] },
    },
  });
  const mailboxes = rows.map((m) => ({
    id: m.id,
    displayName: m.displayName,
    owner: m.owner ? { ...m.owner.user, role: m.owner.role } : null,
    addresses: m.addresses,
    usedBytes: Number(m.usedBytes),
    quotaBytes: mailboxQuotaBytes,
  }));
  return mailboxes.sort((a, b) => (a.owner?.name ?? a.displayName).localeCompare(b.owner?.name ?? b.displayName));
}

export async function findMailbox(tx: ScopedDb, organizationId: string, mailboxId: string) {
  const mailbox = await tx.mailbox.findFirst({ where: { id: mailboxId, organizationId }, select: { id: true, kind: true, displayName: true } });
  if (!mailbox) throw new DomainError("NOT_FOUND", MAILBOX_NOT_FOUND);
  return mailbox;
}

/** Says whose an address in the organization is, for a refusal that tells the admin where it went. */
async function describeHolder(tx: ScopedDb, organizationId: string, address: string): Promise<string | null> {
  const held = await tx.mailAddress.findFirst({
    where: { address, organizationId },
    select: { isPrimary: true, mailbox: { select: { kind: true, displayName: true, owner: { select: { user: { select: { name: true } } } } } } },
  });
  if (!held) return null;
  const whose = held.mailbox.owner?.user.name ?? `the shared mailbox ${held.mailbox.displayName}`;
  return held.isPrimary ? `${address} is the main address of ${whose}.` : `${address} is already an alias of ${whose}.`;
}

/**
 * Makes a new address `local@domain` on one of the organization's domains.
 * Addresses are unique on the install: one held in the organization is
 * refused with its holder, one held elsewhere with no more than that.
 */
export async function createMailAddress(tx: ScopedDb, actor: Actor, input: { mailboxId: string; localPart: string; domainId: string; isPrimary: boolean }) {
  const local = normalizeLocalPart(input.localPart);
  const domain = await findMailDomain(tx, actor.organizationId, input.domainId);
  const address = `${local}@${domain.name}`;
  const holder = await describeHolder(tx, actor.organizationId, address);
  if (holder) throw new DomainError("CONFLICT", holder);
  try {
    return await tx.mailAddress.create({
      data: { organizationId: actor.organizationId, address, domainId: domain.id, mailboxId: input.mailboxId, isPrimary: input.isPrimary },
      select: addressSelect,
    });
  } catch (error) {
    if (isPrismaError(error, PrismaErrorCode.UniqueConstraint)) throw new DomainError("CONFLICT", `${address} is already in use.`);
    throw error;
  }
}

/** Adds an alias to a member's or a shared mailbox: mail to it arrives in that mailbox. */
export async function addMailAlias(tx: ScopedDb, actor: Actor, input: { mailboxId: string; localPart: string; domainId: string }) {
  const mailbox = await findMailbox(tx, actor.organizationId, input.mailboxId);
  const count = await tx.mailAddress.count({ where: { mailboxId: mailbox.id, organizationId: actor.organizationId } });
  if (count >= MAX_ADDRESSES_PER_MAILBOX) {
    throw new DomainError("INVALID_INPUT", `A mailbox has at most ${MAX_ADDRESSES_PER_MAILBOX} addresses; remove one first.`);
  }
  const alias = await createMailAddress(tx, actor, { ...input, mailboxId: mailbox.id, isPrimary: false });
  await recordActivity(tx, actor, { action: "mail.alias.add", subjectId: mailbox.id, summary: `Added the alias ${alias.address} to ${mailbox.displayName}` });
  return alias;
}

async function findAddress(tx: ScopedDb, organizationId: string, addressId: string) {
  const address = await tx.mailAddress.findFirst({
    where: { id: addressId, organizationId },
    select: { id: true, address: true, isPrimary: true, mailboxId: true, mailbox: { select: { displayName: true } } },
  });
  if (!address) throw new DomainError("NOT_FOUND", ADDRESS_NOT_FOUND);
  return address;
}

/** Removes an alias; mail to it is refused from then on. The main address stays. */
export async function removeMailAlias(tx: ScopedDb, actor: Actor, addressId: string) {
  const address = await findAddress(tx, actor.organizationId, addressId);
  if (address.isPrimary) throw new DomainError("INVALID_INPUT", `${address.address} is the mailbox's main address; make another address the main one first.`);
  await tx.mailAddress.delete({ where: { id: address.id } });
  await recordActivity(tx, actor, {
    action: "mail.alias.remove",
    subjectId: address.mailboxId,
    summary: `Removed the alias ${address.address} from ${address.mailbox.displayName}`,
  });
}

/** Makes an alias the mailbox's main address (what it sends as); the old main address stays as an alias. */
export async function setPrimaryMailAddress(tx: ScopedDb, actor: Actor, addressId: string) {
  const address = await findAddress(tx, actor.organizationId, addressId);
  if (address.isPrimary) return;
  await tx.mailAddress.updateMany({ where: { mailboxId: address.mailboxId, organizationId: actor.organizationId, isPrimary: true }, data: { isPrimary: false } });
  await tx.mailAddress.update({ where: { id: address.id }, data: { isPrimary: true }, select: { id: true } });
  await recordActivity(tx, actor, {
    action: "mail.address.primary",
    subjectId: address.mailboxId,
    summary: `Made ${address.address} the main address of ${address.mailbox.displayName}`,
  });
}
