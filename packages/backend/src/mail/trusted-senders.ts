import { getStorageEngine } from "../storage";
import type { MailScope } from "./mail-scope";

// Senders a person lets show remote images ("Always show from …"). The
// address is kept as a keyed hash, so the table does not list who writes to
// whom; the key is the organization's, so hashes mean nothing elsewhere.

const encoder = new TextEncoder();

/** The keyed hash of a sender address, as MailTrustedSender.addressHash holds it. */
export async function senderAddressHash({ tx, actor }: MailScope, address: string): Promise<string> {
  const { searchKey } = await getStorageEngine().organizationKeys(tx, actor.organizationId);
  const mac = await crypto.subtle.sign("HMAC", searchKey, encoder.encode(`awan mail trusted sender\0${address.trim().toLowerCase()}`));
  return Buffer.from(mac).toString("base64url");
}

export async function isTrustedSender(scope: MailScope, address: string): Promise<boolean> {
  const { tx, actor } = scope;
  const found = await tx.mailTrustedSender.findUnique({
    where: { organizationId_userId_addressHash: { organizationId: actor.organizationId, userId: actor.userId, addressHash: await senderAddressHash(scope, address) } },
    select: { addressHash: true },
  });
  return found !== null;
}

/** Trusts `address` for the actor; trusting it twice changes nothing. */
export async function trustSender(scope: MailScope, address: string): Promise<void> {
  const { tx, actor } = scope;
  const key = { organizationId: actor.organizationId, userId: actor.userId, addressHash: await senderAddressHash(scope, address) };
  await tx.mailTrustedSender.upsert({ where: { organizationId_userId_addressHash: key }, create: key, update: {}, select: { addressHash: true } });
}

export async function untrustSender(scope: MailScope, address: string): Promise<void> {
  const { tx, actor } = scope;
  await tx.mailTrustedSender.deleteMany({ where: { organizationId: actor.organizationId, userId: actor.userId, addressHash: await senderAddressHash(scope, address) } });
}
