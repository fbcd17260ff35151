import type { ScopedDb } from "@awan/db";
import { dkimSign } from "mailauth";
import { DomainError } from "../errors";
import { getStorageEngine } from "../storage";
import { openDkimPrivateKey } from "./dkim-keys";

// The headers a receiver shows or threads by; signing them keeps a relay from
// changing what the recipient reads under this domain's name.
const SIGNED_HEADERS = [
  "From", "Sender", "Reply-To", "Subject", "Date", "Message-ID", "To", "Cc",
  "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "In-Reply-To", "References",
];

/**
 * The message with a DKIM-Signature of `domain` (rsa-sha256, relaxed/relaxed)
 * prepended, under the domain's own key. The domain must be one of the
 * organization's: `tx` is scoped to it, so another organization's domain is
 * not even found.
 */
export async function signWithDomainKey(tx: ScopedDb, organizationId: string, domain: string, raw: Buffer): Promise<Buffer> {
  const found = await tx.mailDomain.findFirst({
    where: { organizationId, name: domain },
    select: { dkimSelector: true, dkimPrivateKey: true },
  });
  if (!found) throw new DomainError("FORBIDDEN", `${domain} is not a mail domain of this organization, so mail cannot be sent from it.`);
  const { dataKey } = await getStorageEngine().organizationKeys(tx, organizationId);
  const privateKey = await openDkimPrivateKey(dataKey, organizationId, domain, found.dkimPrivateKey);
  const signature = { signingDomain: domain, selector: found.dkimSelector, privateKey, algorithm: "rsa-sha256", canonicalization: "relaxed/relaxed" };
  // mailauth signs for the entries of signatureData only (the top-level fields satisfy its types).
  const result = await dkimSign(raw, { ...signature, headerList: SIGNED_HEADERS, signatureData: [signature] });
  const [error] = result.errors ?? [];
  if (error || !result.signatures.startsWith("DKIM-Signature:")) throw new Error(`DKIM signing for ${domain} failed.`, { cause: error });
  return Buffer.concat([Buffer.from(result.signatures, "latin1"), raw]);
}
