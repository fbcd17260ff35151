import { isPrismaError, PrismaErrorCode, type ScopedDb } from "@awan/db";
import { recordActivity } from "../activity/activity-log";
import { getMailConfig } from "../config";
import { DomainError } from "../errors";
import { getStorageEngine } from "../storage";
import type { Actor } from "../tenancy/memberships";
import { createDkimKey } from "./dkim-keys";
import type { DnsCheck } from "./dns-check";
import { mailDnsRecords } from "./dns-records";
import { isWithinDomain, normalizeDomainName } from "./mail-names";
import { ensureDefaultDomain } from "./provisioning";

export const DOMAIN_NOT_FOUND = "This mail domain does not exist in your organization.";

/** The organization's mail domains, the default first, each with the records to publish and its last DNS check. */
export async function listMailDomains(tx: ScopedDb, organizationId: string) {
  await ensureDefaultDomain(tx, organizationId);
  const rows = await tx.mailDomain.findMany({
    where: { organizationId },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      isDefault: true,
      dkimSelector: true,
      dkimPublicKey: true,
      dnsCheck: true,
      dnsCheckedAt: true,
      createdAt: true,
      _count: { select: { addresses: true } },
    },
  });
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    isDefault: d.isDefault,
    createdAt: d.createdAt,
    addressCount: d._count.addresses,
    records: mailDnsRecords(d),
    dnsCheck: (d.dnsCheck as DnsCheck | null) ?? null,
    dnsCheckedAt: d.dnsCheckedAt,
  }));
}

export async function findMailDomain(tx: ScopedDb, organizationId: string, domainId: string) {
  const domain = await tx.mailDomain.findFirst({ where: { id: domainId, organizationId }, select: { id: true, name: true, isDefault: true } });
  if (!domain) throw new DomainError("NOT_FOUND", DOMAIN_NOT_FOUND);
  return domain;
}

/**
 * Adds a domain with a fresh DKIM key. A name on this install already (in
 * another organization, which row-level security hides) is refused by the
 * unique index, with an answer that does not say whose it is.
 */
export async function addMailDomain(tx: ScopedDb, actor: Actor, typedName: string) {
  const name = normalizeDomainName(typedName);
  const { defaultDomainSuffix, hostname } = getMailConfig();
  if (isWithinDomain(name, defaultDomainSuffix) || name === hostname.toLowerCase()) {
    throw new DomainError("INVALID_INPUT", `Domains under ${defaultDomainSuffix} belong to this server; your organization already has its default domain there.`);
  }
  const ours = await tx.mailDomain.findFirst({ where: { organizationId: actor.organizationId, name }, select: { id: true } });
  if (ours) throw new DomainError("CONFLICT", `${name} is already one of your organization's domains.`);
  const { dataKey } = await getStorageEngine().organizationKeys(tx, actor.organizationId);
  const key = await createDkimKey(dataKey, actor.organizationId, name);
  try {
    const domain = await tx.mailDomain.create({ data: { organizationId: actor.organizationId, name, isDefault: false, ...key }, select: { id: true } });
    await recordActivity(tx, actor, { action: "mail.domain.add", subjectId: domain.id, summary: `Added the mail domain ${name}` });
    return { id: domain.id, name, records: mailDnsRecords({ name, ...key }) };
  } catch (error) {
    if (isPrismaError(error, PrismaErrorCode.UniqueConstraint)) {
      throw new DomainError("CONFLICT", `${name} is already in use on this server. If it is yours, ask the server's administrator to release it.`);
    }
    throw error;
  }
}

/**
 * Removes a domain the organization added. Primary addresses on it keep it
 * (their mailboxes would have none left); aliases on it go only when the
 * caller confirms, having been told which.
 */
export async function removeMailDomain(tx: ScopedDb, actor: Actor, domainId: string, removeAliases: boolean) {
  const domain = await findMailDomain(tx, actor.organizationId, domainId);
  if (domain.isDefault) throw new DomainError("INVALID_INPUT", "The default domain stays: every mailbox can always be reached there.");
  const addresses = await tx.mailAddress.findMany({
    where: { domainId: domain.id, organizationId: actor.organizationId },
    select: { address: true, isPrimary: true },
    orderBy: { address: "asc" },
  });
  const primary = addresses.filter((a) => a.isPrimary).map((a) => a.address);
  if (primary.length > 0) {
    throw new DomainError("CONFLICT", `${domain.name} is the main address of ${list(primary)}. Give those mailboxes another main address first.`);
  }
  if (addresses.length > 0 && !removeAliases) {
    throw new DomainError("CONFLICT", `Removing ${domain.name} also removes the aliases ${list(addresses.map((a) => a.address))}. Confirm to remove them.`);
  }
  await tx.mailDomain.delete({ where: { id: domain.id } });
  const aliases = addresses.length > 0 ? ` and its aliases ${list(addresses.map((a) => a.address))}` : "";
  await recordActivity(tx, actor, { action: "mail.domain.remove", subjectId: domain.id, summary: `Removed the mail domain ${domain.name}${aliases}` });
  return { removedAddresses: addresses.length };
}

function list(addresses: string[]): string {
  const shown = addresses.slice(0, 5).join(", ");
  return addresses.length > 5 ? `${shown} and ${addresses.length - 5} more` : shown;
}
